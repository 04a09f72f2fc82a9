import { UnitCreated, UnitDeactivated, UnitUpdated } from './events/catalog';
import { EVENT_DEFINITIONS, checkEventData, findEventDefinition } from './registry';
import { ALL_TOPICS, Topic, deadLetterTopic } from './topics';

function reasonFor(...args: Parameters<typeof checkEventData>): string {
  const result = checkEventData(...args);
  if (result.success) throw new Error('expected the data to be rejected');
  return result.reason;
}

describe('EVENT_DEFINITIONS', () => {
  it('holds the catalog unit events', () => {
    expect(EVENT_DEFINITIONS).toEqual(expect.arrayContaining([UnitCreated, UnitUpdated, UnitDeactivated]));
  });

  it('has one definition per type', () => {
    const types = EVENT_DEFINITIONS.map((definition) => definition.type);
    expect(new Set(types).size).toBe(types.length);
  });

  it.each(EVENT_DEFINITIONS.map((definition) => [definition.type, definition] as const))(
    '%s: is published on a known topic of its own service',
    (type, definition) => {
      expect(ALL_TOPICS).toContain(definition.topic);
      const service = definition.topic.split('.')[1];
      expect(type.startsWith(`tequio.${service}.`)).toBe(true);
    },
  );

  it.each(EVENT_DEFINITIONS.map((definition) => [definition.type, definition] as const))(
    '%s: its example passes checkEventData on its topic',
    (type, definition) => {
      expect(checkEventData(type, definition.example, definition.topic)).toEqual({
        success: true,
        data: definition.example,
      });
    },
  );
});

describe('findEventDefinition', () => {
  it('finds every registered type and nothing else', () => {
    for (const definition of EVENT_DEFINITIONS) expect(findEventDefinition(definition.type)).toBe(definition);
    expect(findEventDefinition('tequio.catalog.unit.renamed')).toBeUndefined();
  });
});

describe('checkEventData', () => {
  const valid = UnitCreated.example;

  it('accepts valid data, with or without a topic', () => {
    expect(checkEventData(UnitCreated.type, valid, Topic.CatalogUnitV1)).toEqual({ success: true, data: valid });
    expect(checkEventData(UnitCreated.type, valid)).toEqual({ success: true, data: valid });
  });

  it('rejects an unknown type, naming it', () => {
    expect(reasonFor('tequio.catalog.unit.renamed', valid)).toBe('unknown event type "tequio.catalog.unit.renamed"');
    expect(reasonFor('tequio.catalog.unit.renamed', valid, Topic.CatalogUnitV1)).toBe(`unknown event type "tequio.catalog.unit.renamed" on ${Topic.CatalogUnitV1}`);
  });

  it('rejects a known type on the wrong topic, naming type and topic', () => {
    expect(reasonFor(UnitCreated.type, valid, Topic.CatalogProgramV1)).toBe(
      'event type "tequio.catalog.unit.created" does not belong on topic "tequio.catalog.program.v1"',
    );
  });

  it('rejects a type on its own dead-letter topic', () => {
    expect(reasonFor(UnitCreated.type, valid, deadLetterTopic(Topic.CatalogUnitV1))).toMatch(
      /does not belong on topic/,
    );
  });

  it.each([
    ['kind', { ...valid, kind: 'alcaldia' }],
    ['unitId', { ...valid, unitId: '402' }],
    ['activeFrom', { ...valid, activeFrom: '2025-02-30' }],
    ['version', { ...valid, version: 0 }],
    ['parentId', { ...valid, parentId: undefined }],
  ])('rejects invalid data, naming the field %s', (field, data) => {
    const reason = reasonFor(UnitCreated.type, data, Topic.CatalogUnitV1);
    expect(reason).toMatch(/^invalid data for tequio\.catalog\.unit\.created: /);
    expect(reason).toMatch(new RegExp(`: ${field}: `));
  });

  it('rejects a missing field, naming it', () => {
    const { name: _name, ...withoutName } = valid;
    expect(reasonFor(UnitCreated.type, withoutName)).toMatch(/: name: /);
  });

  it('tolerates fields added later in the version but strips them, so nothing unvetted is kept or re-published', () => {
    const checked = checkEventData(UnitCreated.type, { ...valid, curp: 'XXXX000000HOCXXX00' }, Topic.CatalogUnitV1);
    expect(checked).toEqual({ success: true, data: valid });
  });

  it('rejects data that is not an object', () => {
    expect(reasonFor(UnitCreated.type, null)).toMatch(/\(root\): /);
  });
});

describe('deadLetterTopic', () => {
  it('appends .dlq to the topic name', () => {
    expect(deadLetterTopic(Topic.CatalogUnitV1)).toBe('tequio.catalog.unit.v1.dlq');
  });

  it('gives every topic its own dead-letter topic', () => {
    const dlqs = ALL_TOPICS.map(deadLetterTopic);
    expect(new Set(dlqs).size).toBe(ALL_TOPICS.length);
    for (const dlq of dlqs) expect(ALL_TOPICS).not.toContain(dlq);
  });
});
