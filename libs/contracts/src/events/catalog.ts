import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { Topic } from '../topics';
import { UNIT_KINDS } from '../vocabulary';
import { codeText, staffText } from '../text';

const isoDate = z.iso.date();

/**
 * Units travel as full snapshots, so a consumer can keep its replica from the latest event alone.
 * Not strict: within a topic version fields may be added, and older consumers must tolerate them.
 */
export const unitSnapshotSchema = z.object({
  unitId: z.uuid(),
  code: codeText(z.string().min(1).max(20)),
  name: staffText(z.string().min(1).max(200)),
  kind: z.enum(UNIT_KINDS),
  parentId: z.uuid().nullable(),
  activeFrom: isoDate,
  activeTo: isoDate.nullable(),
  version: z.int().positive(),
});
export type UnitSnapshot = z.infer<typeof unitSnapshotSchema>;

const unitExample: UnitSnapshot = {
  unitId: '6f1c2a9e-8a53-4c1e-9c31-2f0a2b7d4e10',
  code: '402',
  name: 'Secretaría Particular',
  kind: 'secretaria',
  parentId: null,
  activeFrom: '2025-01-01',
  activeTo: null,
  version: 1,
};

export const UnitCreated = defineEvent({
  type: 'tequio.catalog.unit.created',
  topic: Topic.CatalogUnitV1,
  summary: 'A unit (Unidad Responsable, área or dependencia) was registered in the catalog.',
  data: unitSnapshotSchema,
  example: unitExample,
});

export const UnitUpdated = defineEvent({
  type: 'tequio.catalog.unit.updated',
  topic: Topic.CatalogUnitV1,
  summary: 'A unit changed its name, kind, parent or active dates; the data is the new snapshot.',
  data: unitSnapshotSchema,
  example: { ...unitExample, name: 'Secretaría Particular de la Presidencia', version: 2 },
});

export const UnitDeactivated = defineEvent({
  type: 'tequio.catalog.unit.deactivated',
  topic: Topic.CatalogUnitV1,
  summary: 'A unit stopped operating; its records stay and it keeps its code.',
  data: unitSnapshotSchema,
  example: { ...unitExample, activeTo: '2025-12-31', version: 3 },
});

export const UnitDeleted = defineEvent({
  type: 'tequio.catalog.unit.deleted',
  topic: Topic.CatalogUnitV1,
  summary: 'A unit registered by mistake was deleted (it had no dependent units nor records); the data is its last snapshot, version bumped.',
  data: unitSnapshotSchema,
  example: { ...unitExample, version: 2 },
});

export const CATALOG_EVENTS = [UnitCreated, UnitUpdated, UnitDeactivated, UnitDeleted] as const;
