import { Module } from '@nestjs/common';
import { FactsRepository } from './facts.repository';

/** The fact tables, for the ingestor and for the features that read totals. */
@Module({ providers: [FactsRepository], exports: [FactsRepository] })
export class FactStoreModule {}
