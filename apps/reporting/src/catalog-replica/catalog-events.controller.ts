import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext } from '@nestjs/microservices';
import {
  CalendarChanged,
  IndicatorCreated,
  IndicatorDeleted,
  IndicatorTargetsChanged,
  IndicatorUpdated,
  PlanCreated,
  PlanDeleted,
  PlanUpdated,
  ProgramCreated,
  ProgramDeleted,
  ProgramUpdated,
  SemaphoreChanged,
  Topic,
} from '@tequio/contracts';
import { EventConsumer, InboxHandler, on } from '@tequio/messaging';
import { CatalogSnapshotsRepository, SnapshotKind } from './catalog-snapshots.repository';

/** Keeps reporting's copies of the catalog's plan, programs, indicators (with targets and formulas) and semáforo. */
@Controller()
export class CatalogEventsController {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly snapshots: CatalogSnapshotsRepository,
  ) {}

  /** Stores the snapshot under the id held in `idField`; every catalog snapshot carries its version. */
  private keep(kind: SnapshotKind, idField: string, deleted = false): InboxHandler<{ version: number }> {
    return (data, { manager, event }) => this.snapshots.apply(manager, event.tenant, kind, String((data as Record<string, unknown>)[idField]), data.version, data, deleted);
  }

  @EventPattern(Topic.CatalogPlanV1)
  async onPlan(_payload: unknown, @Ctx() context: KafkaContext): Promise<void> {
    const id = 'planId';
    await this.consumer.consume(context, [on(PlanCreated, this.keep('plan', id)), on(PlanUpdated, this.keep('plan', id)), on(PlanDeleted, this.keep('plan', id, true))]);
  }

  @EventPattern(Topic.CatalogProgramV1)
  async onProgram(_payload: unknown, @Ctx() context: KafkaContext): Promise<void> {
    const id = 'programId';
    await this.consumer.consume(context, [
      on(ProgramCreated, this.keep('program', id)),
      on(ProgramUpdated, this.keep('program', id)),
      on(ProgramDeleted, this.keep('program', id, true)),
    ]);
  }

  @EventPattern(Topic.CatalogIndicatorV1)
  async onIndicator(_payload: unknown, @Ctx() context: KafkaContext): Promise<void> {
    const id = 'indicatorId';
    await this.consumer.consume(context, [
      on(IndicatorCreated, this.keep('indicator', id)),
      on(IndicatorUpdated, this.keep('indicator', id)),
      on(IndicatorTargetsChanged, this.keep('indicator', id)),
      on(IndicatorDeleted, this.keep('indicator', id, true)),
    ]);
  }

  @EventPattern(Topic.CatalogCalendarV1)
  async onCalendar(_payload: unknown, @Ctx() context: KafkaContext): Promise<void> {
    await this.consumer.consume(context, [on(CalendarChanged, this.keep('calendar', 'calendarId'))]);
  }

  @EventPattern(Topic.CatalogSemaphoreV1)
  async onSemaphore(_payload: unknown, @Ctx() context: KafkaContext): Promise<void> {
    await this.consumer.consume(context, [on(SemaphoreChanged, this.keep('semaphore', 'semaphoreId'))]);
  }
}
