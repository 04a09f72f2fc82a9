import { DynamicModule, Module } from '@nestjs/common';
import { AuditTrail } from '@tequio/persistence';
import { EventConsumer } from './inbox/event-consumer';
import { EventProducer } from './kafka/event-producer';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging-options';
import { OutboxRelay } from './outbox/outbox-relay';
import { OutboxService } from './outbox/outbox.service';

/** Outbox, relay, inbox and dead-lettering for one service. Needs a TypeORM DataSource in the app. */
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      providers: [{ provide: MESSAGING_OPTIONS, useValue: options }, EventProducer, OutboxService, OutboxRelay, EventConsumer, AuditTrail],
      exports: [MESSAGING_OPTIONS, EventProducer, OutboxService, OutboxRelay, EventConsumer, AuditTrail],
    };
  }
}
