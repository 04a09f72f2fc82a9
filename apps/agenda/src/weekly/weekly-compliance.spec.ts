import { complianceReport, weeksBetween } from './weekly-compliance';

describe('weekly compliance', () => {
  it('assigns each ISO week to the month of its Thursday: April 2025 has 4 weeks, May 5, June 4', () => {
    const weeks = weeksBetween('2025-04-01', '2025-06-30');
    expect(weeks.map((w) => w.isoWeek)).toEqual([14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26]);
    expect(weeksBetween('2025-05-01', '2025-05-31').map((w) => w.isoWeek)).toEqual([18, 19, 20, 21, 22]);
  });

  it('counts on time, late and missing per week, unit and month; a week not yet due has pending, not missing', () => {
    const at = new Date('2025-06-28T12:00:00Z');
    const report = complianceReport([
      {
        week: { isoYear: 2025, isoWeek: 26 },
        thursday: '2025-06-26',
        due: true,
        expectedUnitCodes: ['402', '501', '602'],
        submissions: [
          { unitCode: '501', onTime: false, submittedAt: new Date(at.getTime() + 1000) },
          { unitCode: '402', onTime: true, submittedAt: at },
        ],
      },
      { week: { isoYear: 2025, isoWeek: 27 }, thursday: '2025-07-03', due: false, expectedUnitCodes: ['402', '501', '602'], submissions: [{ unitCode: '402', onTime: true, submittedAt: at }] },
    ]);
    expect(report.weeks[0]).toMatchObject({ week: '2025-W26', expected: 3, received: 2, onTime: 1, late: 1, missing: 1, missingUnitCodes: ['602'] });
    expect(report.weeks[0].submissions.map((s) => s.unitCode)).toEqual(['402', '501']);
    expect(report.weeks[1]).toMatchObject({ week: '2025-W27', month: '2025-07', missing: 0, pendingUnitCodes: ['501', '602'] });
    expect(report.units).toEqual([
      { unitCode: '402', expected: 2, onTime: 2, late: 0, missing: 0, onTimeRate: 100, submissionRate: 100 },
      { unitCode: '501', expected: 1, onTime: 0, late: 1, missing: 0, onTimeRate: 0, submissionRate: 100 },
      { unitCode: '602', expected: 1, onTime: 0, late: 0, missing: 1, onTimeRate: 0, submissionRate: 0 },
    ]);
    expect(report.months.map((m) => [m.month, m.received, m.missing])).toEqual([
      ['2025-06', 2, 1],
      ['2025-07', 1, 0],
    ]);
  });
});
