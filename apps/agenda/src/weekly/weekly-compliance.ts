import { compareIsoWeeks, IsoWeek, isoWeekLabel, isoWeekOf, isoWeekThursday, nextIsoWeek } from '../common/municipal-time';

export interface WeekInput {
  week: IsoWeek;
  thursday: string;
  /** Whether the week's deadline has passed: only then is a missing agenda missing, not pending. */
  due: boolean;
  expectedUnitCodes: string[];
  submissions: { unitCode: string; onTime: boolean; submittedAt: Date }[];
}

const rate = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);

/** The ISO weeks whose Thursday falls within [from, to]: each week counts in one month only. */
export function weeksBetween(from: string, to: string): IsoWeek[] {
  const weeks: IsoWeek[] = [];
  const last = isoWeekOf(to);
  for (let week = isoWeekOf(from); compareIsoWeeks(week, last) <= 0; week = nextIsoWeek(week)) {
    const thursday = isoWeekThursday(week);
    if (thursday >= from && thursday <= to) weeks.push(week);
  }
  return weeks;
}

/**
 * The weekly agenda compliance report (the "FALTAN" table, computed): per week who submitted on time, late, and who
 * is missing; per unit and per month the counts and rates.
 */
export function complianceReport(weeks: WeekInput[]) {
  const byWeek = weeks.map((input) => {
    const received = new Map(input.submissions.map((submission) => [submission.unitCode, submission]));
    const missing = input.due ? input.expectedUnitCodes.filter((code) => !received.has(code)) : [];
    const pending = input.due ? [] : input.expectedUnitCodes.filter((code) => !received.has(code));
    const onTime = input.submissions.filter((submission) => submission.onTime).length;
    return {
      week: isoWeekLabel(input.week),
      weekThursday: input.thursday,
      month: input.thursday.slice(0, 7),
      due: input.due,
      expected: input.expectedUnitCodes.length,
      received: input.submissions.length,
      onTime,
      late: input.submissions.length - onTime,
      missing: missing.length,
      missingUnitCodes: missing,
      pendingUnitCodes: pending,
      submissions: [...input.submissions]
        .sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime())
        .map((submission) => ({ unitCode: submission.unitCode, submittedAt: submission.submittedAt.toISOString(), onTime: submission.onTime })),
    };
  });

  const units = new Map<string, { unitCode: string; expected: number; onTime: number; late: number; missing: number }>();
  const unit = (unitCode: string) => {
    let entry = units.get(unitCode);
    if (!entry) units.set(unitCode, (entry = { unitCode, expected: 0, onTime: 0, late: 0, missing: 0 }));
    return entry;
  };
  for (const input of weeks) {
    const submitted = new Set(input.submissions.map((submission) => submission.unitCode));
    // A week not yet due is owed only by those who already delivered it: rates never pass 100%.
    for (const code of input.expectedUnitCodes) if (input.due || submitted.has(code)) unit(code).expected += 1;
    for (const submission of input.submissions) unit(submission.unitCode)[submission.onTime ? 'onTime' : 'late'] += 1;
  }
  for (const week of byWeek) for (const code of week.missingUnitCodes) unit(code).missing += 1;

  const months = new Map<string, { month: string; weeks: number; expected: number; received: number; onTime: number; late: number; missing: number }>();
  for (const week of byWeek) {
    const entry = months.get(week.month) ?? { month: week.month, weeks: 0, expected: 0, received: 0, onTime: 0, late: 0, missing: 0 };
    entry.weeks += 1;
    entry.expected += week.expected;
    entry.received += week.received;
    entry.onTime += week.onTime;
    entry.late += week.late;
    entry.missing += week.missing;
    months.set(week.month, entry);
  }
  const sum = (field: 'expected' | 'received' | 'onTime' | 'late' | 'missing') => byWeek.reduce((total, week) => total + week[field], 0);
  return {
    totals: { weeks: byWeek.length, expected: sum('expected'), received: sum('received'), onTime: sum('onTime'), late: sum('late'), missing: sum('missing'), onTimeRate: rate(sum('onTime'), sum('expected')) },
    months: [...months.values()].map((month) => ({ ...month, onTimeRate: rate(month.onTime, month.expected) })),
    units: [...units.values()]
      .sort((a, b) => a.unitCode.localeCompare(b.unitCode, 'es', { numeric: true }))
      .map((entry) => ({ ...entry, onTimeRate: rate(entry.onTime, entry.expected), submissionRate: rate(entry.onTime + entry.late, entry.expected) })),
    weeks: byWeek,
  };
}

export type ComplianceReport = ReturnType<typeof complianceReport>;
