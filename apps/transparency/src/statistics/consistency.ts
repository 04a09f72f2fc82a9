/** One breakdown checked against its total. */
export interface ConsistencyCheck {
  name: string;
  /** Spanish, for people reading the report. */
  label: string;
  total: number;
  breakdownTotal: number;
  consistent: boolean;
  difference: number;
}

export interface ConsistencyReport {
  consistent: boolean;
  checks: ConsistencyCheck[];
  /** The checks that do not add up, reported rather than hidden. */
  inconsistencies: ConsistencyCheck[];
}

export type Breakdown = Record<string, number> | Array<{ count: number }> | number[];

function sumOf(breakdown: Breakdown): number {
  if (Array.isArray(breakdown)) return breakdown.reduce<number>((sum, item) => sum + (typeof item === 'number' ? item : item.count), 0);
  return Object.values(breakdown).reduce((sum, value) => sum + value, 0);
}

export function check(name: string, label: string, total: number, breakdown: Breakdown): ConsistencyCheck {
  const breakdownTotal = sumOf(breakdown);
  return { name, label, total, breakdownTotal, consistent: total === breakdownTotal, difference: breakdownTotal - total };
}

export function report(checks: ConsistencyCheck[]): ConsistencyReport {
  const inconsistencies = checks.filter((item) => !item.consistent);
  return { consistent: inconsistencies.length === 0, checks, inconsistencies };
}
