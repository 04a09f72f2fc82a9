import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { MetricDefinition } from './metric-definition.entity';

export interface MetricDefinitionListQuery {
  service?: string;
  q?: string;
  sort: 'name' | 'service' | 'createdAt';
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

@Injectable()
export class MetricDefinitionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findByName(name: string, manager: EntityManager = this.dataSource.manager): Promise<MetricDefinition | null> {
    return manager.getRepository(MetricDefinition).findOneBy({ name });
  }

  findByNames(manager: EntityManager, names: string[]): Promise<MetricDefinition[]> {
    if (names.length === 0) return Promise.resolve([]);
    return manager.getRepository(MetricDefinition).findBy({ name: In(names) });
  }

  async list(query: MetricDefinitionListQuery): Promise<{ items: MetricDefinition[]; total: number }> {
    const builder = this.dataSource
      .getRepository(MetricDefinition)
      .createQueryBuilder('metric')
      .orderBy(`metric.${query.sort}`, query.order === 'asc' ? 'ASC' : 'DESC')
      .addOrderBy('metric.name', 'ASC')
      .take(query.limit)
      .skip(query.offset);
    if (query.service) builder.andWhere('metric.service = :service', { service: query.service });
    if (query.q) {
      builder.andWhere('(metric.name ILIKE :q OR metric.description ILIKE :q)', { q: `%${query.q.replace(/[%_\\]/g, '\\$&')}%` });
    }
    const [items, total] = await builder.getManyAndCount();
    return { items, total };
  }
}
