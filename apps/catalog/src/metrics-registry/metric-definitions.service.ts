import { Injectable, NotFoundException } from '@nestjs/common';
import { findMetric, METRIC_REGISTRY, MetricDefinition } from '@tequio/contracts';
import { Page } from '@tequio/platform';
import { MetricShape } from './formula-validation';
import { ListMetricDefinitionsQueryDto } from './metric-definition.dto';

/** A registry entry as the API shows it: every metric is part of the platform's code (`builtIn`). */
export type MetricDefinitionView = MetricDefinition & { builtIn: true };

const view = (metric: MetricDefinition): MetricDefinitionView => ({ ...metric, builtIn: true });

/**
 * The registry of metrics the services count, served read-only from `METRIC_REGISTRY` in `@tequio/contracts`: the
 * one source the producers' mappings and reporting also use. Indicator formulas are checked against it.
 */
@Injectable()
export class MetricDefinitionsService {
  get(name: string): MetricDefinitionView {
    const metric = findMetric(name);
    if (!metric) throw new NotFoundException(`No existe la métrica ${name}`);
    return view(metric);
  }

  list(query: ListMetricDefinitionsQueryDto): Page<MetricDefinitionView> {
    const needle = query.q?.toLocaleLowerCase('es');
    const matching = METRIC_REGISTRY.filter(
      (metric) =>
        (!query.service || metric.service === query.service) &&
        (!needle || metric.name.toLocaleLowerCase('es').includes(needle) || metric.description.toLocaleLowerCase('es').includes(needle)),
    );
    const direction = query.order === 'asc' ? 1 : -1;
    const sorted = [...matching].sort((a, b) => direction * a[query.sort].localeCompare(b[query.sort]) || a.name.localeCompare(b.name));
    return { items: sorted.slice(query.offset, query.offset + query.limit).map(view), total: matching.length, limit: query.limit, offset: query.offset };
  }

  /** The registry entries a set of formulas names, for validateFormula. */
  shapes(names: string[]): Map<string, MetricShape> {
    const found = [...new Set(names)].flatMap((name) => findMetric(name) ?? []);
    return new Map(found.map((metric) => [metric.name, { name: metric.name, dimensions: [...metric.dimensions] }]));
  }
}
