import { DynamicModule, Type } from '@nestjs/common';
import { Topic } from '@tequio/contracts';
import { AuditTrail1763700000050 } from '@tequio/persistence';
import { MessagingTables1763700000000, OutboxParking1763700000020 } from '@tequio/messaging';
import { DataSourceOptions } from 'typeorm';
import { municipalityDirectoryFeature } from './tenants/municipality-directory.feature';

type Entities = NonNullable<DataSourceOptions['entities']>;
type Migrations = Extract<NonNullable<DataSourceOptions['migrations']>, unknown[]>;

/** One feature of a service: its module, with the tables it owns and the topics it reads. */
export interface ServiceFeature {
  module: Type<unknown> | DynamicModule;
  entities?: Entities;
  /** Any order: migrations run sorted by the timestamp in their class name. */
  migrations?: Migrations;
  /** Topics the feature's event handlers subscribe to (their DLQs are provisioned too). */
  consumes?: Topic[];
  /** The feature provides TENANT_REGISTRY globally (catalog's municipalities); otherwise the platform adds a replica. */
  providesTenantRegistry?: boolean;
}

/** What makes a service a service: everything else (HTTP, Kafka, health, docs, auth) is shared. */
export interface ServiceDefinition {
  /** Lower-case name: schema, consumer group and CloudEvents source derive from it. */
  name: string;
  /** Shown in the OpenAPI document. */
  title: string;
  description: string;
  defaultPort: number;
  /** Each feature once, with everything it brings. */
  features: ServiceFeature[];
}

/** Every service has the outbox, inbox and audit tables: the platform adds them, so none can forget them. */
const PLATFORM_MIGRATIONS: Migrations = [MessagingTables1763700000000, OutboxParking1763700000020, AuditTrail1763700000050];

/** The service's own features, plus the tenant registry every service needs to refuse unknown tenants. */
export function allFeatures(definition: ServiceDefinition): ServiceFeature[] {
  const ownsRegistry = definition.features.some((feature) => feature.providesTenantRegistry);
  return ownsRegistry ? definition.features : [municipalityDirectoryFeature, ...definition.features];
}

export function featureModules(definition: ServiceDefinition): Array<Type<unknown> | DynamicModule> {
  return allFeatures(definition).map((feature) => feature.module);
}

export function serviceEntities(definition: ServiceDefinition): Entities {
  return allFeatures(definition).flatMap((feature) => (feature.entities ?? []) as unknown[]) as Entities;
}

export function serviceMigrations(definition: ServiceDefinition): Migrations {
  return [...PLATFORM_MIGRATIONS, ...allFeatures(definition).flatMap((feature) => feature.migrations ?? [])];
}

export function consumedTopics(definition: ServiceDefinition): Topic[] {
  return [...new Set(allFeatures(definition).flatMap((feature) => feature.consumes ?? []))];
}
