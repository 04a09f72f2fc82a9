import { DynamicModule, Module } from '@nestjs/common';
import { MetricMapping, Topic } from '@tequio/contracts';
import { ServiceFeature } from '@tequio/platform';
import { FACT_MAPPINGS, FactIngestor, factTopics } from './fact-ingestor';
import { FactsController } from './facts.controller';
import { Facts1763700010000 } from './facts.migration';
import { FactDays1763700010500 } from './fact-days.migration';
import { FactIndexes1796190000000 } from './fact-indexes.migration';
import { FactObservations1796200000000 } from './fact-observations.migration';
import { CatalogReplicaModule } from '../catalog-replica/catalog-replica.module';
import { FactReplay } from './fact-replay';
import { FactStoreModule } from './fact-store.module';

@Module({})
export class FactsModule {
  static forMappings(mappings: readonly MetricMapping[]): DynamicModule {
    return {
      module: FactsModule,
      imports: [FactStoreModule, CatalogReplicaModule],
      controllers: [FactsController],
      providers: [{ provide: FACT_MAPPINGS, useValue: mappings }, FactIngestor, FactReplay],
    };
  }
}

/** Facts from every producer topic the mappings name (their DLQs are provisioned with them). */
export function factsFeature(mappings: readonly MetricMapping[]): ServiceFeature {
  return { module: FactsModule.forMappings(mappings), migrations: [Facts1763700010000, FactDays1763700010500, FactIndexes1796190000000, FactObservations1796200000000], consumes: factTopics(mappings) as Topic[] };
}
