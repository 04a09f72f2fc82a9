import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext } from '@nestjs/microservices';
import { ReportApproved, ReportReopened, Topic } from '@tequio/contracts';
import { EventConsumer, on } from '@tequio/messaging';
import { QuarterLocksService } from './quarter-locks.service';

/** Closes a program's quarter when reporting approves its report, and opens it again when the report is reopened. */
@Controller()
export class QuarterLockEventsController {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly locks: QuarterLocksService,
  ) {}

  @EventPattern(Topic.ReportingReportV1)
  async onReportEvent(_payload: unknown, @Ctx() context: KafkaContext): Promise<void> {
    await this.consumer.consume(context, [
      on(ReportApproved, (data, { manager, event }) => this.locks.applyApproved(manager, event, data)),
      on(ReportReopened, (data, { manager, event }) => this.locks.applyReopened(manager, event, data)),
    ]);
  }
}
