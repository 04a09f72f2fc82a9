import { Logger } from '@nestjs/common';
import { bearer, createTestDatabase, RunningService, startServiceInProcess, TestDatabase } from '@tequio/testing';
import { catalogService } from '../src/catalog.definition';

/* Input the DTOs cannot see or bound themselves: absurd numbers, non-finite query numbers, bodies that are not objects, oversized bodies. */
describe('catalog input limits (real PostgreSQL and Kafka)', () => {
  let database: TestDatabase;
  let catalog: RunningService;
  const planning = bearer(['planning']);
  let programId: string;
  const http = () => catalog.http();
  const count = async (table: string) => (await database.query<{ n: number }>(`SELECT count(*)::int AS n FROM catalog.${table}`))[0].n;
  const indicator = (overrides: object = {}) => ({
    level: 'fin',
    name: 'Porcentaje de trámites resueltos',
    definition: 'Mide los trámites resueltos frente a los recibidos',
    calculationMethod: '(trámites resueltos / trámites recibidos) * 100',
    unitOfMeasure: 'Porcentaje',
    type: 'estrategico',
    dimension: 'eficacia',
    frequency: 'trimestral',
    direction: 'ascendente',
    baseline: { value: 10, year: 2024 },
    accumulation: 'flow',
    meansOfVerification: 'Libro de gobierno',
    targets: { q1: 25, q2: 25, q3: 25, q4: 25 },
    ...overrides,
  });

  beforeAll(async () => {
    database = await createTestDatabase();
    catalog = await startServiceInProcess(catalogService, database);
    const unit = (await http().post('/units').set(planning).send({ code: '510', name: 'Dirección de Trámites', kind: 'direccion' }).expect(201)).body;
    programId = (await http().post('/programs').set(planning).send({ year: 2025, code: '11', name: 'Trámites en línea', ownerUnitId: unit.id }).expect(201)).body.id;
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await catalog?.close();
    await database?.drop();
  });

  it('refuses a target, a baseline or a formula constant of 1e300 with a 400 naming the field, and writes nothing', async () => {
    const before = [await count('indicator'), await count('outbox')];
    const target = await http().post(`/programs/${programId}/indicators`).set(planning).send(indicator({ targets: { q1: 1e300, q2: 25, q3: 25, q4: 25 } })).expect(400);
    expect(target.body.errors).toEqual([{ field: 'targets.q1', message: 'debe estar entre -1,000,000,000,000 y 1,000,000,000,000' }]);
    const baseline = await http().post(`/programs/${programId}/indicators`).set(planning).send(indicator({ baseline: { value: -1e300, year: 2024 } })).expect(400);
    expect(baseline.body.message).toMatch(/^Datos no válidos: baseline\.value: debe estar entre/);
    const constant = await http()
      .post(`/programs/${programId}/indicators`)
      .set(planning)
      .send(indicator({ formula: { numerator: { kind: 'manual' }, denominator: { kind: 'constant', value: 1e300 } } }))
      .expect(400);
    expect(constant.body.message).toMatch(/^Datos no válidos: formula\.denominator\.value: debe estar entre/);
    expect([await count('indicator'), await count('outbox')]).toEqual(before);

    const created = (await http().post(`/programs/${programId}/indicators`).set(planning).send(indicator()).expect(201)).body;
    const put = await http().put(`/indicators/${created.id}/targets`).set(planning).send({ q1: 25, q2: 1e300, q3: 25, q4: 25 }).expect(400);
    expect(put.body.message).toMatch(/^Datos no válidos: q2: debe estar entre/);
    expect((await http().get(`/indicators/${created.id}`).set(planning).expect(200)).body.targets).toEqual({ q1: 25, q2: 25, q3: 25, q4: 25 });
  });

  it('says a non-finite query number is not finite, instead of "se esperaba número, recibido número"', async () => {
    for (const year of ['Infinity', '1e400']) {
      const response = await http().get(`/programs?year=${year}`).set(planning).expect(400);
      expect(response.body.errors).toEqual([{ field: 'year', message: 'Entrada inválida: se esperaba un número finito, recibido Infinity' }]);
    }
  });

  it('answers a JSON body that is not an object, or that does not parse, with a Spanish 400 saying which', async () => {
    const post = (body: string) => http().post('/units').set(planning).set('Content-Type', 'application/json').send(body);
    expect((await post('null').expect(400)).body).toEqual({ statusCode: 400, error: 'Bad Request', message: '(cuerpo): debe ser un objeto JSON (o una lista), no «null»' });
    expect((await post('"texto"').expect(400)).body.message).toBe('(cuerpo): debe ser un objeto JSON (o una lista), no «"texto"»');
    expect((await post('{"code": "600",').expect(400)).body.message).toBe('(cuerpo): no es JSON válido; revise comillas, comas y llaves');
    // Errors that are not the body parser's still reach their own filters.
    expect((await post('{}').expect(400)).body.message).toMatch(/^Datos no válidos: code: /);
  });

  it('answers an oversized body with a Spanish 413, logged as a warning without a stack', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn');
    const error = jest.spyOn(Logger.prototype, 'error');
    const response = await http()
      .post('/units')
      .set(planning)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ code: '601', name: 'x'.repeat(300 * 1024), kind: 'direccion' }))
      .expect(413);
    expect(response.body).toEqual({ statusCode: 413, error: 'Payload Too Large', message: '(cuerpo): excede el máximo de 100 KB (body too large: over 100 KB)' });
    expect(warn.mock.calls.map((call) => String(call[0]))).toContainEqual(expect.stringMatching(/^Request body refused: \d+ bytes over the limit of 102400 bytes$/));
    expect(warn.mock.calls.flat().some((argument) => /PayloadTooLargeError|\n\s+at /.test(String(argument)))).toBe(false);
    expect(error).not.toHaveBeenCalled();
  });
});
