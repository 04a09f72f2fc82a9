import { calendarDay, defineEvent, defineMetricMapping, MetricMapping, Topic, toKafkaHeaders, UnitCreated } from '@tequio/contracts';
import { z } from 'zod';
import { prepareMessage, RawMessage } from './fact-batch';

const Hearing = defineEvent({
  type: 'tequio.correspondence.hearing.spec-state',
  topic: Topic.CorrespondenceHearingV1,
  summary: 'spec only',
  data: z.object({ hearingId: z.string(), unitCode: z.string(), receivedAt: z.iso.datetime(), outcome: z.string(), version: z.int() }),
  example: { hearingId: 'h-1', unitCode: '402', receivedAt: '2025-04-01T02:00:00.000Z', outcome: 'dialogo_vecinal', version: 1 },
});
const mapping = defineMetricMapping({
  event: Hearing,
  observe: (data, { timeZone }) => ({
    recordKey: `correspondence.hearing/${data.hearingId}`,
    version: data.version,
    observations: [
      {
        metric: 'correspondence.hearings.received',
        day: calendarDay(data.receivedAt, timeZone),
        dimensions: { unit: data.unitCode, outcome: data.outcome, requesterCategory: 'grupo' },
        value: 1,
      },
    ],
  }),
});
const mappings = new Map<string, MetricMapping>([[Hearing.type, mapping as MetricMapping]]);

function raw(type: string, data: unknown, topic: string = Hearing.topic): RawMessage {
  const headers = toKafkaHeaders({ id: 'e-1', type, source: '/tequio/spec', time: '2025-04-01T02:00:00.000Z', specversion: '1.0', subject: 'h-1', tenant: 'oaxaca-de-juarez' });
  return { topic, key: 'h-1', value: Buffer.from(JSON.stringify(data)), headers };
}

describe('prepareMessage', () => {
  it('maps a valid event to its record observations, on the municipality calendar day', () => {
    const prepared = prepareMessage(raw(Hearing.type, Hearing.example), mappings, () => 'America/Mexico_City');
    expect(prepared).toMatchObject({
      kind: 'observed',
      event: { id: 'e-1', tenant: 'oaxaca-de-juarez' },
      observed: { recordKey: 'correspondence.hearing/h-1', version: 1, observations: [{ day: '2025-03-31', dimensions: { unit: '402' } }] },
    });
  });

  it('gives the reason for each kind of invalid message', () => {
    const reasonOf = (message: RawMessage) => {
      const prepared = prepareMessage(message, mappings, () => 'America/Mexico_City');
      return prepared.kind === 'rejected' ? prepared.reason : prepared.kind;
    };
    expect(reasonOf({ topic: Hearing.topic, key: null, value: Buffer.from('{}'), headers: {} })).toMatch(/^invalid CloudEvents headers: id: /);
    expect(reasonOf(raw('tequio.correspondence.hearing.nope', {}))).toBe(`unknown event type "tequio.correspondence.hearing.nope" on ${Hearing.topic}`);
    expect(reasonOf(raw(Hearing.type, Hearing.example, Topic.CorrespondenceDocumentV1))).toBe(
      `event type "${Hearing.type}" does not belong on topic "${Topic.CorrespondenceDocumentV1}"`,
    );
    expect(reasonOf({ ...raw(Hearing.type, {}), value: Buffer.from('{') })).toBe(`invalid JSON in the data of ${Hearing.type}`);
    expect(reasonOf(raw(Hearing.type, { ...Hearing.example, version: 'x' }))).toMatch(new RegExp(`^invalid data for ${Hearing.type.replace(/\./g, '\\.')}: version: `));
    expect(reasonOf(raw(Hearing.type, { ...Hearing.example, outcome: 'otro' }))).toBe(
      `the metric mapping of ${Hearing.type} emitted observations the registry does not declare: correspondence.hearings.received: "otro" is not a valid value of dimension "outcome"`,
    );
  });

  it("counts the day in the municipality's own time zone", () => {
    const prepared = prepareMessage(raw(Hearing.type, Hearing.example), mappings, (tenant) => (tenant === 'oaxaca-de-juarez' ? 'America/Cancun' : 'UTC'));
    // 02:00 UTC on 1 April is 21:00 of 31 March in Cancún (UTC−5).
    expect(prepared).toMatchObject({ observed: { observations: [{ day: '2025-03-31' }] } });
    const utc = prepareMessage(raw(Hearing.type, Hearing.example), mappings, () => 'UTC');
    expect(utc).toMatchObject({ observed: { observations: [{ day: '2025-04-01' }] } });
  });

  it('skips a type declared on the topic that no mapping counts', () => {
    expect(prepareMessage(raw(UnitCreated.type, UnitCreated.example, UnitCreated.topic), mappings, () => 'America/Mexico_City')).toEqual({ kind: 'ignored' });
  });

  it('dead-letters a malformed event of a type no mapping counts, instead of skipping it', () => {
    const prepared = prepareMessage(raw(UnitCreated.type, { ...UnitCreated.example, code: 42 }, UnitCreated.topic), mappings, () => 'America/Mexico_City');
    expect(prepared).toEqual({ kind: 'rejected', reason: expect.stringMatching(new RegExp(`^invalid data for ${UnitCreated.type.replace(/\./g, '\\.')}: code: `)) });
    const misplaced = prepareMessage(raw(UnitCreated.type, UnitCreated.example, Topic.CorrespondenceDocumentV1), mappings, () => 'America/Mexico_City');
    expect(misplaced).toEqual({ kind: 'rejected', reason: `event type "${UnitCreated.type}" does not belong on topic "${Topic.CorrespondenceDocumentV1}"` });
  });
});

