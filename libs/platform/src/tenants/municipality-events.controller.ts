import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext } from '@nestjs/microservices';
import { MunicipalityCreated, MunicipalitySnapshot, MunicipalityUpdated, Topic } from '@tequio/contracts';
import { EventConsumer, InboxHandler, on } from '@tequio/messaging';
import { MunicipalityReplicaRepository } from './municipality-replica.repository';

/** Keeps the municipality replica current; every municipality event carries the full snapshot. */
@Controller()
export class MunicipalityEventsController {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly municipalities: MunicipalityReplicaRepository,
  ) {}

  @EventPattern(Topic.CatalogMunicipalityV1)
  async onMunicipalityEvent(_payload: unknown, @Ctx() context: KafkaContext): Promise<void> {
    const apply: InboxHandler<MunicipalitySnapshot> = (municipality, { manager }) => this.municipalities.upsert(manager, municipality);
    await this.consumer.consume(context, [on(MunicipalityCreated, apply), on(MunicipalityUpdated, apply)]);
  }
}
