import { Injectable, NotFoundException } from '@nestjs/common';
import { Page } from '@tequio/platform';
import { EntityManager } from 'typeorm';
import { MetricShape } from './formula-validation';
import { ListMetricDefinitionsQueryDto } from './metric-definition.dto';
import { MetricDefinition } from './metric-definition.entity';
import { MetricDefinitionsRepository } from './metric-definitions.repository';

/** The registry of metrics the services count; indicator formulas are checked against it. Read-only (migrations fill it). */
@Injectable()
export class MetricDefinitionsService {
  constructor(private readonly metrics: MetricDefinitionsRepository) {}

  async get(name: string): Promise<MetricDefinition> {
    const metric = await this.metrics.findByName(name);
    if (!metric) throw new NotFoundException(`No existe la métrica ${name}`);
    return metric;
  }

  async list(query: ListMetricDefinitionsQueryDto): Promise<Page<MetricDefinition>> {
    const { items, total } = await this.metrics.list(query);
    return { items, total, limit: query.limit, offset: query.offset };
  }

  /** The registry entries a set of formulas names, for validateFormula (inside the caller's transaction). */
  async shapes(manager: EntityManager, names: string[]): Promise<Map<string, MetricShape>> {
    const found = await this.metrics.findByNames(manager, [...new Set(names)]);
    return new Map(found.map((metric) => [metric.name, metric]));
  }
}
