import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext } from '@nestjs/microservices';
import { Topic, UnitCreated, UnitDeactivated, UnitDeleted, UnitSnapshot, UnitUpdated } from '@tequio/contracts';
import { EventConsumer, InboxHandler, on } from '@tequio/messaging';
import { UnitReplicaRepository } from './unit-replica.repository';

/** Keeps the unit replica current; every unit event carries the full snapshot. */
@Controller()
export class UnitEventsController {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly units: UnitReplicaRepository,
  ) {}

  @EventPattern(Topic.CatalogUnitV1)
  async onUnitEvent(_payload: unknown, @Ctx() context: KafkaContext): Promise<void> {
    const apply: InboxHandler<UnitSnapshot> = (unit, { manager, event }) => this.units.upsert(manager, event.tenant, unit);
    const remove: InboxHandler<UnitSnapshot> = (unit, { manager, event }) => this.units.remove(manager, event.tenant, unit);
    await this.consumer.consume(context, [on(UnitCreated, apply), on(UnitUpdated, apply), on(UnitDeactivated, apply), on(UnitDeleted, remove)]);
  }
}
