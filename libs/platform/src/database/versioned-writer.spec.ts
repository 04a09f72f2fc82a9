import { EventDefinition } from '@tequio/contracts';
import { OutboxService } from '@tequio/messaging';
import { AuditRecord, AuditTrail } from '@tequio/persistence';
import { DataSource, EntityManager, EntityTarget } from 'typeorm';
import { z } from 'zod';
import { VersionedWriter } from './versioned-writer';

interface Thing {
  id: string;
  name: string;
  version: number;
}

const ThingSchema = z.object({ thingId: z.string(), name: z.string(), version: z.number() });
const ThingChanged = { type: 'thing.changed', topic: 'things', data: ThingSchema } as unknown as EventDefinition<typeof ThingSchema>;
const ThingRenamed = { type: 'thing.renamed', topic: 'things', data: ThingSchema } as unknown as EventDefinition<typeof ThingSchema>;
const ThingEntity: EntityTarget<Thing> = 'thing';

/** Every call the writer makes, in order; any method the writer calls that is not mocked here fails the test. */
function harness(stored: Thing | null) {
  const calls: string[] = [];
  const saved: Thing[] = [];
  const published: { manager: EntityManager; definition: EventDefinition<typeof ThingSchema>; event: { subject: string; tenant: string; data: unknown } }[] = [];
  const audited: { manager: EntityManager; record: AuditRecord }[] = [];
  const repository = {
    findOne: jest.fn(async (options: { where: object; lock: { mode: string } }) => {
      calls.push(`findOne ${options.lock.mode}`);
      return stored;
    }),
    save: jest.fn(async (row: Thing) => {
      calls.push(`save v${row.version}`);
      saved.push({ ...row });
      return row;
    }),
  };
  const manager = strict({ getRepository: jest.fn(() => strict(repository)) }) as unknown as EntityManager;
  const dataSource = strict({
    transaction: jest.fn(async (work: (m: EntityManager) => Promise<unknown>) => {
      calls.push('begin');
      const result = await work(manager);
      calls.push('commit');
      return result;
    }),
  }) as unknown as DataSource;
  const outbox = strict({
    publish: jest.fn(async (m: EntityManager, definition: EventDefinition<typeof ThingSchema>, event: { subject: string; tenant: string; data: unknown }) => {
      calls.push(`publish ${definition.type}`);
      published.push({ manager: m, definition, event });
      return 'event-id';
    }),
  }) as unknown as OutboxService;
  const audit = strict({
    record: jest.fn(async (m: EntityManager, record: AuditRecord) => {
      calls.push(`audit ${record.action}`);
      audited.push({ manager: m, record });
    }),
  }) as unknown as AuditTrail;
  return { writer: new VersionedWriter(dataSource, outbox, audit), manager, calls, saved, published, audited };
}

/** What promises and the test's matchers look up on any value they are handed. */
const INSPECTED = new Set(['then', 'asymmetricMatch', '$$typeof', 'nodeType', 'toJSON', 'constructor', '@@__IMMUTABLE_ITERABLE__@@', '@@__IMMUTABLE_RECORD__@@']);

/** A mock that throws on any property it does not define, so an unexpected call fails loudly. */
function strict<T extends object>(target: T): T {
  return new Proxy(target, {
    get(object, property) {
      if (property in object || typeof property === 'symbol' || INSPECTED.has(property)) return Reflect.get(object, property);
      throw new Error(`unexpected call: ${String(property)}`);
    },
  });
}

const snapshot = (thing: Thing) => ({ thingId: thing.id, name: thing.name, version: thing.version });
const record = { tenant: 'oax', actor: 'user-1', entityType: 'thing', action: 'updated', event: ThingChanged, snapshot } as const;

describe('VersionedWriter.update', () => {
  it('locks the row, changes it, bumps the version, saves, then publishes and audits in the same transaction', async () => {
    const h = harness({ id: 't1', name: 'old', version: 3 });
    const result = await h.writer.update({
      ...record,
      entity: ThingEntity,
      where: { id: 't1' },
      notFound: () => new Error('missing'),
      change: (thing) => {
        thing.name = 'new';
      },
    });
    expect(h.calls).toEqual(['begin', 'findOne pessimistic_write', 'save v4', 'publish thing.changed', 'audit updated', 'commit']);
    expect(result).toEqual({ id: 't1', name: 'new', version: 4 });
    expect(h.published).toEqual([{ manager: h.manager, definition: ThingChanged, event: { subject: 't1', tenant: 'oax', data: { thingId: 't1', name: 'new', version: 4 } } }]);
    expect(h.audited).toEqual([
      {
        manager: h.manager,
        record: {
          tenant: 'oax',
          actor: 'user-1',
          entityType: 'thing',
          entityId: 't1',
          action: 'updated',
          before: { id: 't1', name: 'old', version: 3 },
          after: { id: 't1', name: 'new', version: 4 },
          reason: undefined,
        },
      },
    ]);
  });

  it('writes nothing when the row is missing or the change refuses', async () => {
    const missing = harness(null);
    const notFound = new Error('id: no existe');
    await expect(missing.writer.update({ ...record, entity: ThingEntity, where: { id: 'x' }, notFound: () => notFound, change: jest.fn() })).rejects.toBe(notFound);
    expect(missing.calls).toEqual(['begin', 'findOne pessimistic_write']);

    const refused = harness({ id: 't1', name: 'old', version: 3 });
    const invalid = new Error('name: inválido');
    const change = () => {
      throw invalid;
    };
    await expect(refused.writer.update({ ...record, entity: ThingEntity, where: { id: 't1' }, notFound: () => notFound, change })).rejects.toBe(invalid);
    expect(refused.calls).toEqual(['begin', 'findOne pessimistic_write']);
  });

  it('writes nothing and keeps the version when the change says nothing changed', async () => {
    const h = harness({ id: 't1', name: 'same', version: 3 });
    const result = await h.writer.update({ ...record, entity: ThingEntity, where: { id: 't1' }, notFound: () => new Error(), change: () => ({ unchanged: true }) });
    expect(result.version).toBe(3);
    expect(h.calls).toEqual(['begin', 'findOne pessimistic_write', 'commit']);
  });

  it('joins the caller’s transaction, locks through its hook and awaits async snapshots and audit views with that manager', async () => {
    const h = harness(null);
    const lock = jest.fn(async () => ({ id: 't1', name: 'old', version: 1 }));
    const result = await h.writer.update({
      ...record,
      manager: h.manager,
      entity: ThingEntity,
      lock,
      notFound: () => new Error(),
      change: (thing) => {
        thing.name = 'new';
      },
      snapshot: async (thing, manager) => ({ ...snapshot(thing), name: manager === h.manager ? `${thing.name} (loaded)` : 'wrong manager' }),
      subject: (thing) => `oax:${thing.id}`,
      entityId: (thing) => `thing ${thing.id}`,
      audited: { before: async (thing) => ({ name: thing.name }), after: async (thing, manager) => ({ name: thing.name, same: manager === h.manager }) },
    });
    expect(lock).toHaveBeenCalledWith(h.manager);
    expect(result.version).toBe(2);
    expect(h.calls).toEqual(['save v2', 'publish thing.changed', 'audit updated']);
    expect(h.published[0].event).toEqual({ subject: 'oax:t1', tenant: 'oax', data: { thingId: 't1', name: 'new (loaded)', version: 2 } });
    expect(h.audited[0].record).toMatchObject({ entityId: 'thing t1', before: { name: 'old' }, after: { name: 'new', same: true } });
  });

  it('takes the action, event and audit entry the change reports, and runs its follow-up after the save', async () => {
    const h = harness({ id: 't1', name: 'old', version: 1 });
    const afterSave = jest.fn(async (thing: Thing) => {
      h.calls.push(`afterSave v${thing.version}`);
    });
    await h.writer.update({
      ...record,
      entity: ThingEntity,
      where: { id: 't1' },
      notFound: () => new Error(),
      reason: 'porque sí',
      change: () => ({
        action: 'renamed',
        event: ThingRenamed,
        entry: { entityType: 'thing_part', entityId: 'p1', before: null, after: { part: 'x' } },
        afterSave,
      }),
    });
    expect(h.calls).toEqual(['begin', 'findOne pessimistic_write', 'save v2', 'afterSave v2', 'publish thing.renamed', 'audit renamed', 'commit']);
    expect(afterSave).toHaveBeenCalledWith(expect.objectContaining({ version: 2 }), h.manager);
    expect(h.audited[0].record).toEqual({
      tenant: 'oax',
      actor: 'user-1',
      entityType: 'thing_part',
      entityId: 'p1',
      action: 'renamed',
      before: null,
      after: { part: 'x' },
      reason: 'porque sí',
    });
  });
});

describe('VersionedWriter.create', () => {
  it('saves the built row at version 1, runs the follow-up, publishes it and audits it with nothing before', async () => {
    const h = harness(null);
    const created = await h.writer.create({
      ...record,
      action: 'created',
      entity: ThingEntity,
      build: async () => ({ id: 't9', name: 'nuevo', version: 7 }),
      afterSave: async (thing) => {
        h.calls.push(`afterSave ${thing.id}`);
      },
    });
    expect(created.version).toBe(1);
    expect(h.calls).toEqual(['begin', 'save v1', 'afterSave t9', 'publish thing.changed', 'audit created', 'commit']);
    expect(h.published[0].event.data).toEqual({ thingId: 't9', name: 'nuevo', version: 1 });
    expect(h.audited[0].record).toMatchObject({ entityId: 't9', before: null, after: { id: 't9', name: 'nuevo', version: 1 } });
  });

  it('writes no event or audit entry when the build refuses', async () => {
    const h = harness(null);
    const conflict = new Error('id: ya existe');
    await expect(
      h.writer.create({
        ...record,
        entity: ThingEntity,
        build: () => {
          throw conflict;
        },
      }),
    ).rejects.toBe(conflict);
    expect(h.calls).toEqual(['begin']);
  });
});

describe('VersionedWriter.remove', () => {
  it('checks, snapshots the last state with the version bumped, publishes and audits, then deletes', async () => {
    const h = harness({ id: 't1', name: 'viejo', version: 5 });
    const removed = await h.writer.remove({
      ...record,
      action: 'deleted',
      entity: ThingEntity,
      where: { id: 't1' },
      notFound: () => new Error(),
      check: () => {
        h.calls.push('check');
      },
      snapshot: (thing: Thing) => {
        h.calls.push(`snapshot v${thing.version}`);
        return snapshot(thing);
      },
      delete: async (thing) => {
        h.calls.push(`delete ${thing.id}`);
      },
    });
    expect(removed.version).toBe(6);
    expect(h.calls).toEqual(['begin', 'findOne pessimistic_write', 'check', 'snapshot v6', 'publish thing.changed', 'audit deleted', 'delete t1', 'commit']);
    expect(h.published[0].event.data).toEqual({ thingId: 't1', name: 'viejo', version: 6 });
    expect(h.audited[0].record).toMatchObject({ entityId: 't1', action: 'deleted', before: { id: 't1', name: 'viejo', version: 5 }, after: null });
  });

  it('writes nothing when the check refuses', async () => {
    const h = harness({ id: 't1', name: 'viejo', version: 5 });
    const refused = new Error('id: tiene dependientes');
    const check = () => {
      throw refused;
    };
    const remove = jest.fn();
    await expect(h.writer.remove({ ...record, entity: ThingEntity, where: { id: 't1' }, notFound: () => new Error(), check, delete: remove })).rejects.toBe(refused);
    expect(remove).not.toHaveBeenCalled();
    expect(h.calls).toEqual(['begin', 'findOne pessimistic_write']);
  });
});
