import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { Topic } from '../topics';
import { HEARING_OUTCOMES } from '../vocabulary';
import { checkMetricMappings } from './mapping-check';
import { calendarDay, defineMetricMapping } from './metric-mapping';
import { METRIC_MAPPINGS } from './metric-mappings';
import { METRIC_REGISTRY } from './metric-registry';

describe('METRIC_MAPPINGS against the metric registry', () => {
  const check = checkMetricMappings(METRIC_MAPPINGS);

  it('every mapping, on its example and variations, emits only declared metrics and dimension values', () => {
    expect(check.problems).toEqual([]);
  });

  it('every metric of a service whose producer has landed is fed by some mapping', () => {
    // Metrics of producers that have not landed yet are listed, not failed: see the output of this test.
    if (check.unfed.length > 0) console.info(`Registry metrics no mapping feeds yet:\n  ${check.unfed.join('\n  ')}`);
    expect(check.missing).toEqual([]);
  });
});

describe('checkMetricMappings', () => {
  // A producer-shaped event, only for proving the check catches what it must.
  const HearingState = defineEvent({
    type: 'tequio.correspondence.hearing.test-state',
    topic: Topic.CorrespondenceHearingV1,
    summary: 'test only',
    data: z.object({
      hearingId: z.uuid(),
      unitCode: z.string(),
      receivedAt: z.iso.datetime(),
      outcome: z.enum(HEARING_OUTCOMES),
      cancelled: z.boolean(),
      version: z.int().positive(),
    }),
    example: {
      hearingId: '0b7e3c55-2f6a-4d8e-9a41-7c2d1e5f3a90',
      unitCode: '402',
      receivedAt: '2025-07-01T17:00:00.000Z',
      outcome: HEARING_OUTCOMES[0],
      cancelled: false,
      version: 1,
    },
  });
  const observeWith = (outcome: (data: z.infer<typeof HearingState.data>) => string) =>
    defineMetricMapping({
      event: HearingState,
      observe: (data, { timeZone }) => ({
        recordKey: `correspondence.hearing/${data.hearingId}`,
        version: data.version,
        observations: data.cancelled
          ? []
          : [
              {
                metric: 'correspondence.hearings.received',
                day: calendarDay(data.receivedAt, timeZone),
                dimensions: { unit: data.unitCode, outcome: outcome(data), requesterCategory: 'grupo' },
                value: 1,
              },
            ],
      }),
    });

  it('accepts a mapping that passes its dimension values through from the event', () => {
    const result = checkMetricMappings([observeWith((data) => data.outcome)]);
    expect(result.problems).toEqual([]);
    expect(result.unfed).toContain('correspondence.hearings.attended');
    expect(result.unfed).not.toContain('correspondence.hearings.received');
    // Correspondence "has landed" in this check, so its metrics no mapping feeds are missing; other services' are not.
    expect(result.missing).toEqual(
      METRIC_REGISTRY.filter((metric) => metric.service === 'correspondence' && metric.name !== 'correspondence.hearings.received').map((metric) => metric.name),
    );
  });

  it('catches a value that only some variation of the example produces', () => {
    const last = HEARING_OUTCOMES[HEARING_OUTCOMES.length - 1];
    const result = checkMetricMappings([observeWith((data) => (data.outcome === last ? 'otro' : data.outcome))]);
    expect(result.problems).toEqual([
      `tequio.correspondence.hearing.test-state: correspondence.hearings.received: "otro" is not a valid value of dimension "outcome"`,
    ]);
  });

  it('names an unknown metric and a mapping that throws', () => {
    const unknown = defineMetricMapping({ event: HearingState, observe: (data) => ({ recordKey: data.hearingId, version: data.version, observations: [{ metric: 'correspondence.hearings.lost', day: '2025-07-01', dimensions: {}, value: 1 }] }) });
    const throwing = defineMetricMapping({
      event: HearingState,
      observe: (data) => {
        if (data.cancelled) throw new Error('no sé');
        return { recordKey: data.hearingId, version: data.version, observations: [] };
      },
    });
    const result = checkMetricMappings([unknown, throwing]);
    expect(result.problems[0]).toBe('tequio.correspondence.hearing.test-state: metric "correspondence.hearings.lost" is not in the registry');
    expect(result.problems[1]).toMatch(/^tequio\.correspondence\.hearing\.test-state: the mapping threw on .*"cancelled":true.*: no sé$/);
  });
});
