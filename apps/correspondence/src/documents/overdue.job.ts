import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DocumentsService } from './documents.service';

const DEFAULT_INTERVAL_MS = 10 * 60_000;

/** Runs the overdue sweep every CORRESPONDENCE_OVERDUE_SWEEP_MS (10 minutes by default; 0 turns it off). */
@Injectable()
export class OverdueJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OverdueJob.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(private readonly documents: DocumentsService) {}

  onApplicationBootstrap(): void {
    const interval = Number(process.env['CORRESPONDENCE_OVERDUE_SWEEP_MS'] ?? DEFAULT_INTERVAL_MS);
    if (!(interval > 0)) return;
    this.timer = setInterval(() => {
      // One sweep at a time per replica; replicas may overlap safely (see DocumentsService.markOverdue).
      this.running ??= this.documents
        .markOverdue()
        .then((marked) => {
          if (marked > 0) this.logger.log(`${marked} document(s) marked overdue`);
        })
        .catch((error: Error) => this.logger.error(`Overdue sweep failed: ${error.message}`))
        .finally(() => (this.running = undefined));
    }, interval);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
