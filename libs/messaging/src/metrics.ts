import { Metric, register } from 'prom-client';

/** Registers a metric once per process (Nest test modules may build the same provider many times). */
export function metric<T extends Metric>(name: string, create: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? create();
}
