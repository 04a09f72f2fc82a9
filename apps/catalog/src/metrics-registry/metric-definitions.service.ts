import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { TequioClaims } from '@tequio/auth';
import { AuditTrail } from '@tequio/persistence';
import { Page } from '@tequio/platform';
import { EntityManager } from 'typeorm';
import { MetricShape } from './formula-validation';
import { CreateMetricDefinitionDto, ListMetricDefinitionsQueryDto } from './metric-definition.dto';
import { MetricDefinition } from './metric-definition.entity';
import { MetricDefinitionsRepository } from './metric-definitions.repository';

/** The registry of metrics the services count; indicator formulas are checked against it. */
@Injectable()
export class MetricDefinitionsService {
  constructor(
    private readonly metrics: MetricDefinitionsRepository,
    private readonly audit: AuditTrail,
  ) {}

  async create(user: TequioClaims, dto: CreateMetricDefinitionDto): Promise<MetricDefinition> {
    return this.metrics.transaction(async (manager) => {
      const created = await this.metrics.insert(manager, {
        name: dto.name,
        service: dto.service,
        description: dto.description,
        dimensions: dto.dimensions,
        builtIn: false,
        createdBy: user.sub,
      });
      if (!created) throw new ConflictException(`name: ya existe la métrica ${dto.name}`);
      await this.audit.record(manager, {
        tenant: user.tenant,
        actor: user.sub,
        entityType: 'metric_definition',
        entityId: created.name,
        action: 'created',
        after: created,
      });
      return created;
    });
  }

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
