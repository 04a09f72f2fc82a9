import { INDICATOR_LEVEL_LABELS, IndicatorLevel } from '@tequio/contracts';

/*
 * Pure rules of the MIR tree: one Fin, one Propósito, Componentes numbered N, Actividades numbered N.M that
 * belong to Componente N of the same program. No database here: the service feeds in what exists.
 */

export interface MirPosition {
  level: IndicatorLevel;
  componentNumber?: number | null;
  activityNumber?: number | null;
}

export interface LevelIssue {
  field: 'level' | 'componentNumber' | 'activityNumber';
  message: string;
}

const LEVEL_ORDER: Record<IndicatorLevel, number> = { fin: 0, proposito: 1, componente: 2, actividad: 3 };

/** `Fin`, `Propósito`, `Componente 1`, `Actividad 1.2`. */
export function levelLabel(position: MirPosition): string {
  switch (position.level) {
    case 'componente':
      return `${INDICATOR_LEVEL_LABELS.componente} ${position.componentNumber}`;
    case 'actividad':
      return `${INDICATOR_LEVEL_LABELS.actividad} ${position.componentNumber}.${position.activityNumber}`;
    default:
      return INDICATOR_LEVEL_LABELS[position.level];
  }
}

/** Reads the level as a MIR prints it ("Componente 1", "Actividad 1.2", "Proposito"); null when it is not one. */
export function parseLevelLabel(text: string): { level: IndicatorLevel; componentNumber: number | null; activityNumber: number | null } | null {
  const normalized = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ');
  if (normalized === 'fin') return { level: 'fin', componentNumber: null, activityNumber: null };
  if (normalized === 'proposito') return { level: 'proposito', componentNumber: null, activityNumber: null };
  const component = /^componente (\d{1,2})$/.exec(normalized);
  if (component) return { level: 'componente', componentNumber: Number(component[1]), activityNumber: null };
  const activity = /^actividad (\d{1,2})\.(\d{1,2})$/.exec(normalized);
  if (activity) return { level: 'actividad', componentNumber: Number(activity[1]), activityNumber: Number(activity[2]) };
  return null;
}

/** Fin and Propósito carry no numbers, a Componente carries N, an Actividad carries N and M. */
export function checkLevelNumbers(position: MirPosition): LevelIssue[] {
  const issues: LevelIssue[] = [];
  const hasComponent = position.componentNumber !== undefined && position.componentNumber !== null;
  const hasActivity = position.activityNumber !== undefined && position.activityNumber !== null;
  const label = INDICATOR_LEVEL_LABELS[position.level];
  if (position.level === 'fin' || position.level === 'proposito') {
    if (hasComponent) issues.push({ field: 'componentNumber', message: `el nivel ${label} no lleva número de componente` });
    if (hasActivity) issues.push({ field: 'activityNumber', message: `el nivel ${label} no lleva número de actividad` });
  } else if (position.level === 'componente') {
    if (!hasComponent) issues.push({ field: 'componentNumber', message: 'indique el número del componente (Componente N)' });
    if (hasActivity) issues.push({ field: 'activityNumber', message: 'un Componente no lleva número de actividad' });
  } else {
    if (!hasComponent) issues.push({ field: 'componentNumber', message: 'indique el componente al que pertenece la actividad (Actividad N.M: N)' });
    if (!hasActivity) issues.push({ field: 'activityNumber', message: 'indique el número de la actividad (Actividad N.M: M)' });
  }
  return issues;
}

/** Two indicators of one program may not share a position (only one Fin, one Componente 2, one Actividad 2.1). */
export function positionKey(position: MirPosition): string {
  switch (position.level) {
    case 'componente':
      return `componente:${position.componentNumber}`;
    case 'actividad':
      return `actividad:${position.componentNumber}.${position.activityNumber}`;
    default:
      return position.level;
  }
}

/** MIR reading order: Fin, Propósito, then each Componente followed by its Actividades. */
export function compareMirPositions(a: MirPosition, b: MirPosition): number {
  const componentOf = (p: MirPosition) => (p.level === 'fin' || p.level === 'proposito' ? -1 : (p.componentNumber ?? 0));
  if (componentOf(a) !== componentOf(b)) return componentOf(a) - componentOf(b);
  if (LEVEL_ORDER[a.level] !== LEVEL_ORDER[b.level]) return LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level];
  return (a.activityNumber ?? 0) - (b.activityNumber ?? 0);
}

export interface ExistingNode extends MirPosition {
  id: string;
}

export interface SetIssue extends LevelIssue {
  /** Index of the incoming position the issue is about. */
  row: number;
  /** True when the position clashes with one already stored (a 409 when one indicator is written). */
  conflict: boolean;
}

/**
 * Checks incoming positions against the program's stored ones and each other: no repeated position, and each
 * Actividad N.M has a Componente N (stored or incoming). Stored activities whose component would disappear (an
 * incoming row replaces that component with another position) are reported on the incoming row.
 * Returns the issues, and for each incoming activity the component it belongs to (an existing id, or the index of
 * the incoming component row).
 */
export function checkMirSet(
  existing: readonly ExistingNode[],
  incoming: readonly MirPosition[],
): { issues: SetIssue[]; parents: Map<number, { existingId: string } | { row: number }> } {
  const issues: SetIssue[] = [];
  const parents = new Map<number, { existingId: string } | { row: number }>();
  const storedByKey = new Map(existing.map((node) => [positionKey(node), node]));
  const incomingByKey = new Map<string, number>();

  incoming.forEach((position, row) => {
    const numberIssues = checkLevelNumbers(position);
    if (numberIssues.length > 0) {
      issues.push(...numberIssues.map((issue) => ({ ...issue, row, conflict: false })));
      return;
    }
    const key = positionKey(position);
    const field = position.level === 'actividad' ? 'activityNumber' : position.level === 'componente' ? 'componentNumber' : 'level';
    const stored = storedByKey.get(key);
    if (stored) {
      issues.push({ row, field, conflict: true, message: `ya existe ${levelLabel(position)} en el programa` });
      return;
    }
    if (incomingByKey.has(key)) {
      issues.push({ row, field, conflict: false, message: `${levelLabel(position)} aparece más de una vez` });
      return;
    }
    incomingByKey.set(key, row);
  });

  incoming.forEach((position, row) => {
    if (position.level !== 'actividad' || checkLevelNumbers(position).length > 0) return;
    const componentKey = `componente:${position.componentNumber}`;
    const stored = storedByKey.get(componentKey);
    const incomingRow = incomingByKey.get(componentKey);
    if (stored) parents.set(row, { existingId: stored.id });
    else if (incomingRow !== undefined) parents.set(row, { row: incomingRow });
    else {
      issues.push({
        row,
        field: 'componentNumber',
        conflict: false,
        message: `la ${levelLabel(position)} requiere el Componente ${position.componentNumber} en el mismo programa, y no existe`,
      });
    }
  });

  // A stored activity keeps needing its component.
  const componentsAfter = new Set([...storedByKey.keys(), ...incomingByKey.keys()].filter((key) => key.startsWith('componente:')));
  for (const node of existing) {
    if (node.level !== 'actividad' || componentsAfter.has(`componente:${node.componentNumber}`)) continue;
    issues.push({
      row: 0,
      field: 'level',
      conflict: true,
      message: `el Componente ${node.componentNumber} tiene actividades (${levelLabel(node)}); muévalas o elimínelas primero`,
    });
  }
  return { issues, parents };
}
