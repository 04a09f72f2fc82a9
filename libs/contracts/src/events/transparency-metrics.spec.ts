import { checkObservation, MetricObservation } from '../metrics/metric-mapping';
import { findMetricMapping, METRIC_MAPPINGS } from '../metrics/metric-mappings';
import { METRIC_REGISTRY } from '../metrics/metric-registry';
import {
  TRANSPARENCY_EVENTS,
  TransparencyAppealChanged,
  TransparencyMonitoringRecorded,
  TransparencyRequestChanged,
  TransparencyRequestSnapshot,
  TransparencyTrainingRecorded,
} from './transparency';
import { observeTransparencyRequest } from './transparency-metrics';

const context = { timeZone: 'America/Mexico_City' };
const observe = (type: string, data: unknown) => {
  const mapping = findMetricMapping(type);
  if (!mapping) throw new Error(`no mapping for ${type}`);
  return mapping.observe(mapping.event.data.parse(data), context);
};
const total = (observations: MetricObservation[], metric: string, filter: Record<string, unknown> = {}) =>
  observations
    .filter((o) => o.metric === metric && Object.entries(filter).every(([name, value]) => o.dimensions[name] === value))
    .reduce((sum, o) => sum + o.value, 0);

const request = TransparencyRequestChanged.example as TransparencyRequestSnapshot;
const answered: TransparencyRequestSnapshot = {
  ...request,
  status: 'respondida',
  answerType: 'entrega_informacion',
  answeredOn: '2024-05-06',
  turns: [
    { ...request.turns[0], answerOficioNumber: 'SF/0100/2024', answeredOn: '2024-04-30' },
    { ...request.turns[0], turnId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', unitCode: '301', oficioNumber: 'UT/0413/2024', turnedOn: '2024-05-02' },
  ],
  version: 5,
};

describe('transparency metric mappings', () => {
  it('every transparency event type has a mapping, and every example observes only valid observations', () => {
    for (const definition of TRANSPARENCY_EVENTS) {
      const result = observe(definition.type, definition.example);
      expect(result.version).toBe((definition.example as { version: number }).version);
      for (const observation of result.observations) expect(checkObservation(observation)).toEqual([]);
    }
  });

  it('every transparency.* metric of the registry is produced by some mapping', () => {
    const produced = new Set<string>();
    const samples: [string, unknown][] = [
      [TransparencyRequestChanged.type, answered],
      [TransparencyAppealChanged.type, { ...TransparencyAppealChanged.example, pleadingsFiledOn: '2024-05-30', turns: answered.turns }],
      ...TRANSPARENCY_EVENTS.map((definition) => [definition.type, definition.example] as [string, unknown]),
      [TransparencyMonitoringRecorded.type, { ...TransparencyMonitoringRecorded.example, platform: 'portal_gobierno_abierto' }],
    ];
    for (const [type, data] of samples) {
      for (const observation of observe(type, data).observations) {
        expect(checkObservation(observation)).toEqual([]);
        produced.add(observation.metric);
      }
    }
    const registered = METRIC_REGISTRY.filter((metric) => metric.service === 'transparency').map((metric) => metric.name);
    expect(registered.filter((name) => !produced.has(name))).toEqual([]);
    expect(METRIC_MAPPINGS.filter((mapping) => mapping.event.type.startsWith('tequio.transparency.'))).toHaveLength(TRANSPARENCY_EVENTS.length);
  });

  it('a request counts as received on its receipt day and answered on its answer day, with its oficios by unit and month', () => {
    const { recordKey, observations } = observeTransparencyRequest(answered);
    expect(recordKey).toBe(`transparency.request/${answered.requestId}`);
    expect(observations).toContainEqual({
      metric: 'transparency.requests.received',
      day: '2024-04-08',
      dimensions: { unit: '801', requestType: 'informacion', requesterCategory: 'mujer' },
      value: 1,
    });
    expect(observations).toContainEqual({
      metric: 'transparency.requests.answered',
      day: '2024-05-06',
      dimensions: { unit: '801', requestType: 'informacion', requesterCategory: 'mujer' },
      value: 1,
    });
    expect(total(observations, 'transparency.oficios.turned', { month: 4, unit: '501', procedure: 'solicitud' })).toBe(1);
    expect(total(observations, 'transparency.oficios.turned', { month: 5, unit: '301' })).toBe(1);
    expect(total(observations, 'transparency.oficios.answered', { month: 4, unit: '501' })).toBe(1);
    expect(total(observations, 'transparency.oficios.answered')).toBe(1);
  });

  it('a cancelled request observes nothing; a reclassified one observes its new category; a turn reassigned moves to the new unit', () => {
    expect(observeTransparencyRequest({ ...answered, status: 'cancelada', version: 6 }).observations).toEqual([]);
    const reclassified = observeTransparencyRequest({ ...answered, requesterCategory: 'hombre', version: 6 }).observations;
    expect(total(reclassified, 'transparency.requests.received', { requesterCategory: 'mujer' })).toBe(0);
    expect(total(reclassified, 'transparency.requests.received', { requesterCategory: 'hombre' })).toBe(1);
    const reassigned = observeTransparencyRequest({ ...answered, turns: [{ ...answered.turns[0], unitCode: '702' }], version: 6 }).observations;
    expect(total(reassigned, 'transparency.oficios.turned', { unit: '501' })).toBe(0);
    expect(total(reassigned, 'transparency.oficios.turned', { unit: '702' })).toBe(1);
  });

  it('an appeal filed by two people counts once as grupo; its turns count with procedure recurso_revision', () => {
    const appeal = { ...TransparencyAppealChanged.example, requesterCategories: ['hombre', 'mujer'], pleadingsFiledOn: '2024-05-30', turns: answered.turns };
    const { observations } = observe(TransparencyAppealChanged.type, appeal);
    expect(total(observations, 'transparency.appeals.received')).toBe(1);
    expect(total(observations, 'transparency.appeals.received', { requesterCategory: 'grupo' })).toBe(1);
    expect(total(observations, 'transparency.appeals.answered')).toBe(1);
    expect(total(observations, 'transparency.oficios.turned', { procedure: 'recurso_revision' })).toBe(2);
    expect(observe(TransparencyAppealChanged.type, { ...appeal, status: 'cancelado' }).observations).toEqual([]);
  });

  it('a training counts its session once, each sex present, and its attendees by sex; a cancelled one nothing', () => {
    const { observations } = observe(TransparencyTrainingRecorded.type, TransparencyTrainingRecorded.example);
    expect(total(observations, 'transparency.training_sessions.held')).toBe(1);
    expect(total(observations, 'transparency.trainings.attendees', { sex: 'hombre' })).toBe(12);
    expect(total(observations, 'transparency.trainings.attendees', { sex: 'mujer' })).toBe(21);
    const womenOnly = observe(TransparencyTrainingRecorded.type, { ...TransparencyTrainingRecorded.example, attendees: { hombre: 0, mujer: 3 } }).observations;
    expect(total(womenOnly, 'transparency.trainings.held', { sex: 'hombre' })).toBe(0);
    expect(total(womenOnly, 'transparency.trainings.held', { sex: 'mujer' })).toBe(1);
    expect(observe(TransparencyTrainingRecorded.type, { ...TransparencyTrainingRecorded.example, cancelled: true, version: 2 }).observations).toEqual([]);
  });

  it('monitorings count their reviews by platform; the open-government portal counts as portal reviews', () => {
    const sisai = observe(TransparencyMonitoringRecorded.type, { ...TransparencyMonitoringRecorded.example, count: 3 }).observations;
    expect(sisai).toEqual([{ metric: 'transparency.monitorings.done', day: '2024-04-01', dimensions: { platform: 'sisai' }, value: 3 }]);
    const portal = observe(TransparencyMonitoringRecorded.type, { ...TransparencyMonitoringRecorded.example, platform: 'portal_gobierno_abierto' }).observations;
    expect(portal).toEqual([{ metric: 'transparency.portal_reviews.done', day: '2024-04-01', dimensions: {}, value: 1 }]);
  });

  it('no transparency event schema has a field for names, contacts or the request text', () => {
    const forbidden = /name|email|correo|phone|telefono|address|domicilio|text|description|information|informacion_solicitada|finding|topicText/i;
    const fieldsOf = (schema: unknown): string[] => {
      const shape = (schema as { shape?: Record<string, unknown> }).shape;
      if (!shape) {
        const element = (schema as { element?: unknown }).element;
        return element ? fieldsOf(element) : [];
      }
      return Object.entries(shape).flatMap(([key, value]) => [key, ...fieldsOf((value as { unwrap?: () => unknown }).unwrap?.() ?? value)]);
    };
    for (const definition of TRANSPARENCY_EVENTS) expect(fieldsOf(definition.data).filter((field) => forbidden.test(field))).toEqual([]);
  });
});
