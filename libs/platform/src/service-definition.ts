import { DynamicModule, Type } from '@nestjs/common';
import { Topic } from '@tequio/contracts';
import { DataSourceOptions } from 'typeorm';

/** What makes a service a service: everything else (HTTP, Kafka, health, docs, auth) is shared. */
export interface ServiceDefinition {
  /** Lower-case name: schema, consumer group and CloudEvents source derive from it. */
  name: string;
  /** Shown in the OpenAPI document. */
  title: string;
  description: string;
  defaultPort: number;
  /** Feature modules of the service. */
  imports: Array<Type<unknown> | DynamicModule>;
  entities: NonNullable<DataSourceOptions['entities']>;
  /** In order; the messaging tables migration must come first. */
  migrations: NonNullable<DataSourceOptions['migrations']>;
  /** Topics the Kafka microservice subscribes to (their DLQs are provisioned too). */
  consumes: Topic[];
}
