import { documentSnapshotSchema, findEventDefinition, hearingSnapshotSchema, Topic } from '@tequio/contracts';
import { EventTap, publishCatalogUnitsAndWait, TEST_EVENT_SOURCE, TestDatabase } from '@tequio/testing';

export const QUARTER_UNITS = [
  { code: '402', name: 'Secretaría Particular' },
  { code: '801', name: 'Dirección de Servicios Municipales' },
  { code: '305', name: 'Dirección de Obras Públicas' },
  { code: '210', name: 'Secretaría de Seguridad Ciudadana' },
  { code: '120', name: 'Tesorería Municipal' },
  { code: '650', name: 'Dirección de Desarrollo Urbano' },
];

/** The catalog announces the units on Kafka; the service's replica picks them up (its real path). */
export async function publishUnits(database: TestDatabase, tenant: string, units = QUARTER_UNITS): Promise<void> {
  await publishCatalogUnitsAndWait(
    tenant,
    units.map((unit) => ({ ...unit, activeFrom: '2024-01-01' })),
    async () =>
      (await database.query<{ code: string }>(`SELECT DISTINCT code FROM correspondence.unit_replica WHERE tenant = $1 AND code = ANY($2)`, [tenant, units.map((unit) => unit.code)])).map(
        (row) => row.code,
      ),
    60_000,
  );
}

/** Runs `work` over `items` with at most `concurrency` at a time, in order of start. */
export async function inBatches<T, R>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index], index);
      }
    }),
  );
  return results;
}

/**
 * Personal data the suite writes (names, contacts, addresses, free text): every test file builds its records from
 * these, so the privacy test can look for each of them in every published event.
 */
export const PERSONAL = {
  citizenName: 'Rosa Elvira Martínez Cruz',
  citizenEmail: 'rosa.elvira@example.com',
  citizenPhone: '951 555 0101',
  citizenAddress: 'Calle Macedonio Alcalá 404, Centro',
  authorityName: 'Lic. Joaquín Ortega Pardo',
  subject: 'Reparación urgente de la red de agua en Xochimilco',
  summary: 'Pide reparar la fuga de agua frente a su casa desde hace dos semanas',
  answer: 'Se reparó la fuga el 9 de julio con la cuadrilla 3',
  hearingName: 'Comité vecinal de San Felipe del Agua',
  hearingPhone: '951 555 0202',
};

export function citizenDocument(overrides: Record<string, unknown> = {}) {
  return {
    receivedAt: '2025-07-01T11:05:00-06:00',
    channel: 'ventanilla',
    type: 'peticion_ciudadana',
    sender: {
      kind: 'ciudadano',
      name: PERSONAL.citizenName,
      email: PERSONAL.citizenEmail,
      phone: PERSONAL.citizenPhone,
      address: PERSONAL.citizenAddress,
      requesterCategory: 'mujer',
    },
    subject: PERSONAL.subject,
    summary: PERSONAL.summary,
    deskUnitCode: '402',
    ...overrides,
  };
}


export const CORRESPONDENCE_TOPICS = [Topic.CorrespondenceDocumentV1, Topic.CorrespondenceHearingV1];

/**
 * Reads every event on the correspondence topics (from the beginning: whatever any test of the run published), and
 * checks each carries exactly the non-personal snapshot: no field beyond the schema, and none of the suite's
 * personal strings anywhere. Returns how many events it read.
 */
export async function expectEventsFreeOfPersonalData(tap: EventTap, atLeast: number): Promise<number> {
  await tap.waitFor(() => tap.messages.length >= atLeast, `${atLeast} correspondence events`, 60_000);
  const strictDocument = documentSnapshotSchema.extend({ turns: documentSnapshotSchema.shape.turns.element.strict().array() }).strict();
  const strictHearing = hearingSnapshotSchema.strict();
  for (const message of tap.messages) {
    const value = message.value ?? '';
    for (const [what, personal] of Object.entries(PERSONAL)) {
      if (value.includes(personal)) throw new Error(`event ${message.headers['ce_type']} carries personal data (${what}): ${value}`);
    }
    // Other test files inject events on these topics themselves (reporting's test-only types, the poison drills'
    // malformed data): only what a service published is held to its exact snapshot.
    if (message.headers['ce_source'] === TEST_EVENT_SOURCE || !findEventDefinition(message.headers['ce_type'] ?? '')) continue;
    const data = JSON.parse(value);
    const schema = message.topic === Topic.CorrespondenceDocumentV1 ? strictDocument : strictHearing;
    const parsed = schema.safeParse(data);
    if (!parsed.success) throw new Error(`event ${message.headers['ce_type']} is not exactly its snapshot: ${parsed.error.message}`);
  }
  return tap.messages.length;
}
