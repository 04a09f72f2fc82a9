import { checkLevelNumbers, checkMirSet, compareMirPositions, levelLabel, MirPosition, parseLevelLabel } from './mir-levels';

const fin: MirPosition = { level: 'fin' };
const proposito: MirPosition = { level: 'proposito' };
const component = (n: number): MirPosition => ({ level: 'componente', componentNumber: n });
const activity = (n: number, m: number): MirPosition => ({ level: 'actividad', componentNumber: n, activityNumber: m });

describe('levelLabel', () => {
  it('prints the level as the MIR does', () => {
    expect([fin, proposito, component(1), activity(1, 2)].map(levelLabel)).toEqual(['Fin', 'Propósito', 'Componente 1', 'Actividad 1.2']);
  });
});

describe('parseLevelLabel', () => {
  it('reads every level of the Secretaría de Gobierno MIR (seed), with or without accents', () => {
    expect(parseLevelLabel('Fin')).toEqual({ level: 'fin', componentNumber: null, activityNumber: null });
    expect(parseLevelLabel('Propósito')).toEqual({ level: 'proposito', componentNumber: null, activityNumber: null });
    expect(parseLevelLabel(' proposito ')).toEqual({ level: 'proposito', componentNumber: null, activityNumber: null });
    expect(parseLevelLabel('Componente 3')).toEqual({ level: 'componente', componentNumber: 3, activityNumber: null });
    expect(parseLevelLabel('Actividad  2.8')).toEqual({ level: 'actividad', componentNumber: 2, activityNumber: 8 });
  });

  it('is the inverse of levelLabel', () => {
    for (const position of [fin, proposito, component(12), activity(2, 10)]) {
      expect(parseLevelLabel(levelLabel(position))).toMatchObject(position);
    }
  });

  it('returns null for what is not a level', () => {
    for (const text of ['', 'Actividad', 'Actividad 1', 'Componente 1.1', 'Meta', 'Actividad 1.2.3']) expect(parseLevelLabel(text)).toBeNull();
  });
});

describe('checkLevelNumbers', () => {
  it('accepts each level with exactly its numbers', () => {
    for (const position of [fin, proposito, component(1), activity(1, 1)]) expect(checkLevelNumbers(position)).toEqual([]);
  });

  it('names the number a level is missing or must not carry', () => {
    expect(checkLevelNumbers({ level: 'fin', componentNumber: 1 }).map((i) => i.field)).toEqual(['componentNumber']);
    expect(checkLevelNumbers({ level: 'proposito', activityNumber: 1 }).map((i) => i.field)).toEqual(['activityNumber']);
    expect(checkLevelNumbers({ level: 'componente' }).map((i) => i.field)).toEqual(['componentNumber']);
    expect(checkLevelNumbers({ level: 'componente', componentNumber: 1, activityNumber: 2 }).map((i) => i.field)).toEqual(['activityNumber']);
    expect(checkLevelNumbers({ level: 'actividad', componentNumber: 1 }).map((i) => i.field)).toEqual(['activityNumber']);
    expect(checkLevelNumbers({ level: 'actividad', activityNumber: 1 }).map((i) => i.field)).toEqual(['componentNumber']);
  });
});

describe('compareMirPositions', () => {
  it('orders Fin, Propósito, then each component followed by its activities', () => {
    const shuffled = [activity(2, 1), component(2), activity(1, 10), fin, activity(1, 2), component(1), proposito];
    expect([...shuffled].sort(compareMirPositions).map(levelLabel)).toEqual([
      'Fin',
      'Propósito',
      'Componente 1',
      'Actividad 1.2',
      'Actividad 1.10',
      'Componente 2',
      'Actividad 2.1',
    ]);
  });
});

describe('checkMirSet', () => {
  const stored = [
    { id: 'fin-id', ...fin },
    { id: 'c1-id', ...component(1) },
    { id: 'a11-id', ...activity(1, 1) },
  ];

  it('links activities to stored components and to components of the same set', () => {
    const { issues, parents } = checkMirSet(stored, [activity(1, 2), component(2), activity(2, 1), proposito]);
    expect(issues).toEqual([]);
    expect(parents.get(0)).toEqual({ existingId: 'c1-id' });
    expect(parents.get(2)).toEqual({ row: 1 });
    expect(parents.has(1)).toBe(false);
    expect(parents.has(3)).toBe(false);
  });

  it('refuses an activity whose component exists neither stored nor in the set, naming the component', () => {
    const { issues } = checkMirSet(stored, [component(2), activity(3, 1)]);
    expect(issues).toEqual([
      { row: 1, field: 'componentNumber', conflict: false, message: 'la Actividad 3.1 requiere el Componente 3 en el mismo programa, y no existe' },
    ]);
  });

  it('refuses a second Fin, a repeated component and a repeated activity; a clash with stored rows is a conflict', () => {
    const { issues } = checkMirSet(stored, [fin, component(1), activity(1, 1), component(4), component(4)]);
    expect(issues.map(({ row, field, conflict }) => ({ row, field, conflict }))).toEqual([
      { row: 0, field: 'level', conflict: true },
      { row: 1, field: 'componentNumber', conflict: true },
      { row: 2, field: 'activityNumber', conflict: true },
      { row: 4, field: 'componentNumber', conflict: false },
    ]);
    expect(issues[0].message).toBe('ya existe Fin en el programa');
    expect(issues[3].message).toBe('Componente 4 aparece más de una vez');
  });

  it('reports level/number problems and skips those rows for the other checks', () => {
    const { issues, parents } = checkMirSet([], [{ level: 'actividad', componentNumber: 1 }]);
    expect(issues).toEqual([{ row: 0, field: 'activityNumber', conflict: false, message: 'indique el número de la actividad (Actividad N.M: M)' }]);
    expect(parents.size).toBe(0);
  });

  it('refuses to move a component away from its stored activities', () => {
    const others = stored.filter((node) => node.id !== 'c1-id');
    const { issues } = checkMirSet(others, [component(5)]);
    expect(issues).toEqual([
      { row: 0, field: 'level', conflict: true, message: 'el Componente 1 tiene actividades (Actividad 1.1); muévalas o elimínelas primero' },
    ]);
    expect(checkMirSet(others, [component(1)]).issues).toEqual([]);
  });
});
