import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Admin, Kafka, Message, Partitioners, Producer } from 'kafkajs';
import { MESSAGING_OPTIONS, MessagingOptions } from '../messaging-options';
import { createKafkaClient } from './kafka-client';

/**
 * One idempotent kafkajs producer per process, shared by the outbox relay and dead-lettering.
 * After a failure the producer is dropped and rebuilt on the next send, so a broker restart heals itself.
 */
@Injectable()
export class EventProducer implements OnApplicationShutdown {
  private readonly kafka: Kafka;
  private producer?: Promise<Producer>;

  constructor(@Inject(MESSAGING_OPTIONS) options: MessagingOptions) {
    this.kafka = createKafkaClient(`tequio-${options.service}`, options.brokers, options.security);
  }

  async send(topicMessages: { topic: string; messages: Message[] }[]): Promise<void> {
    const producer = await this.connected();
    try {
      await producer.sendBatch({ topicMessages, acks: -1 });
    } catch (error) {
      await this.reset();
      throw error;
    }
  }

  /** An admin client for health checks and topic provisioning; the caller disconnects it. */
  admin(): Admin {
    return this.kafka.admin();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.reset();
  }

  private connected(): Promise<Producer> {
    if (!this.producer) {
      const producer = this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: true,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      this.producer = producer.connect().then(
        () => producer,
        async (error: unknown) => {
          this.producer = undefined;
          throw error;
        },
      );
    }
    return this.producer;
  }

  private async reset(): Promise<void> {
    const current = this.producer;
    this.producer = undefined;
    if (current) await current.then((p) => p.disconnect()).catch(() => undefined);
  }
}
