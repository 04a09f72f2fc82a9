import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { TequioClaims } from '@tequio/auth';
import {
  ACCUMULATION_TYPE_LABELS,
  EventDefinition,
  INDICATOR_DIMENSION_LABELS,
  INDICATOR_DIRECTION_LABELS,
  INDICATOR_TYPE_LABELS,
  IndicatorCreated,
  IndicatorDefinition,
  IndicatorDeleted,
  IndicatorTargetsChanged,
  IndicatorUpdated,
  MEASUREMENT_FREQUENCY_LABELS,
  QUARTERS,
  QuarterTargets,
} from '@tequio/contracts';
import { AuditTrail } from '@tequio/persistence';
import { OutboxService } from '@tequio/messaging';
import { Page } from '@tequio/platform';
import { EntityManager } from 'typeorm';
import { metricsUsed, unitCodesUsed, validateFormula } from '../metrics-registry/formula-validation';
import { MetricDefinitionsService } from '../metrics-registry/metric-definitions.service';
import { Program } from '../programs/program.entity';
import { programLabel, ProgramsService } from '../programs/programs.service';
import { lockedQuarterReason, QuarterLocksService } from '../quarter-locks/quarter-locks.service';
import { Unit } from '../units/unit.entity';
import { ListIndicatorsQueryDto, PutTargetsDto, UpdateIndicatorDto } from './indicator.dto';
import { Indicator } from './indicator.entity';
import { IndicatorInput, indicatorInputSchema } from './indicator-input';
import { changedComputationFields, COMPUTATION_FIELD_PURPOSES, crossFieldIssues } from './indicator-rules';
import { IndicatorsRepository } from './indicators.repository';
import { checkMirSet, compareMirPositions, levelLabel } from './mir-levels';
import { batchError, fieldMessages, RowProblem, singleError } from './indicator-errors';
import { canonical, definitionOf, entityFields, setTargets, targetsOf } from './indicator-fields';
import { ALL_CROSS_FIELD_RULES, crossFieldScopeOf, CrossFieldScope, mergeForUpdate, NO_CROSS_FIELD_RULES } from './indicator-update';

export { definitionOf } from './indicator-fields';

export interface IndicatorView extends Omit<Indicator, 'targetQ1' | 'targetQ2' | 'targetQ3' | 'targetQ4' | 'baselineValue' | 'baselineYear'> {
  programLabel: string | null;
  levelLabel: string;
  typeLabel: string;
  dimensionLabel: string;
  frequencyLabel: string;
  directionLabel: string;
  accumulationLabel: string;
  baseline: { value: number; year: number } | null;
  responsibleUnitCode: string | null;
  targets: QuarterTargets;
}

export interface CreateManyOptions {
  /** Audit action of each indicator: `created` (default) or `imported`. */
  action?: 'created' | 'imported';
  /** Recorded in the audit trail, e.g. the imported file name. */
  reason?: string;
}

interface Prepared {
  program: Program;
  rows: { row: number; input: IndicatorInput; unitId: string; parent: { existingId: string } | { row: number } | null }[];
  units: Map<string, Unit>;
  problems: RowProblem[];
}

/** MIR indicators: level rules, computable formulas, quarterly targets frozen once their quarter's report is approved. */
@Injectable()
export class IndicatorsService {
  constructor(
    private readonly indicators: IndicatorsRepository,
    private readonly programs: ProgramsService,
    private readonly metrics: MetricDefinitionsService,
    private readonly locks: QuarterLocksService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditTrail,
  ) {}

  /** One indicator (POST /programs/:programId/indicators and POST /indicators). */
  async create(user: TequioClaims, programId: string, input: IndicatorInput): Promise<IndicatorView> {
    return this.indicators.transaction(async (manager) => {
      const prepared = await this.prepare(manager, user.tenant, programId, [input], null, ALL_CROSS_FIELD_RULES);
      if (prepared.problems.length > 0) throw singleError(prepared.problems);
      const [created] = await this.insert(manager, user, prepared, {});
      return (await this.views(manager, user.tenant, [created]))[0];
    });
  }

  /**
   * Validates a whole set of indicators for one program (levels and parents, also against what the program already
   * has; units; formulas against the metric registry; targets against closed quarters) and inserts them inside the
   * caller's transaction, with their events and audit entries. Activities may name components of the same set.
   * Nothing is written when any row is invalid: throws a BadRequestException whose response carries
   * `errors: { row, field, message }[]`, `row` being the index in `inputs` (from 0).
   * A program that does not exist in the user's municipality throws NotFoundException.
   */
  async createMany(
    manager: EntityManager,
    user: TequioClaims,
    programId: string,
    inputs: IndicatorInput[],
    options: CreateManyOptions = {},
  ): Promise<Indicator[]> {
    const prepared = await this.prepare(manager, user.tenant, programId, inputs, null, NO_CROSS_FIELD_RULES);
    if (prepared.problems.length > 0) throw batchError(prepared.problems);
    return this.insert(manager, user, prepared, options);
  }

  async update(user: TequioClaims, id: string, dto: UpdateIndicatorDto): Promise<IndicatorView> {
    return this.indicators.transaction(async (manager) => {
      const found = await this.require(manager, user.tenant, id);
      const program = await this.programs.requireLocked(manager, user.tenant, found.programId);
      const current = await this.require(manager, user.tenant, id);
      const merged = mergeForUpdate(current, dto);
      const prepared = await this.prepare(manager, user.tenant, program.id, [merged], current, crossFieldScopeOf(dto));
      if (prepared.problems.length > 0) throw singleError(prepared.problems);
      const [{ input, unitId, parent }] = prepared.rows;
      const before = await this.definition(manager, current);
      Object.assign(current, entityFields(input, unitId));
      current.parentId = parent && 'existingId' in parent ? parent.existingId : null;
      const after = { ...definitionOf(current, prepared.units.get(unitId) as Unit), version: before.version };
      if (canonical(after) === canonical(before)) return (await this.views(manager, user.tenant, [current]))[0];
      current.version += 1;
      const saved = await this.indicators.save(manager, current);
      const data = await this.publish(manager, IndicatorUpdated, saved);
      await this.audit.record(manager, { tenant: user.tenant, actor: user.sub, entityType: 'indicator', entityId: saved.id, action: 'updated', before, after: data });
      return (await this.views(manager, user.tenant, [saved]))[0];
    });
  }

  /** PUT /indicators/:id/targets: a changed quarter must not be closed by an approved report. */
  async putTargets(user: TequioClaims, id: string, dto: PutTargetsDto): Promise<IndicatorView> {
    return this.indicators.transaction(async (manager) => {
      const found = await this.require(manager, user.tenant, id);
      await this.programs.requireLocked(manager, user.tenant, found.programId);
      const indicator = await this.require(manager, user.tenant, id);
      const previous = targetsOf(indicator);
      const next: QuarterTargets = { q1: dto.q1, q2: dto.q2, q3: dto.q3, q4: dto.q4 };
      const changed = QUARTERS.filter((quarter) => previous[quarter] !== next[quarter]);
      if (changed.length === 0) return (await this.views(manager, user.tenant, [indicator]))[0];
      const invalid = crossFieldIssues({ ...indicator, targets: next }).filter((issue) => issue.field === 'targets');
      if (invalid.length > 0) throw singleError(invalid.map((issue) => ({ ...issue, row: 0, conflict: false })));
      const locked = await this.locks.lockedQuarters(manager, user.tenant, indicator.programId, indicator.year);
      const refused = changed.flatMap((quarter) => {
        const lock = locked.get(quarter);
        return lock ? [{ field: `targets.${quarter}`, message: lockedQuarterReason(lock) }] : [];
      });
      if (refused.length > 0) throw new ConflictException(fieldMessages(refused));
      setTargets(indicator, next);
      indicator.version += 1;
      const saved = await this.indicators.save(manager, indicator);
      const definition = await this.definition(manager, saved);
      await this.outbox.publish(manager, IndicatorTargetsChanged, { subject: saved.id, tenant: saved.tenant, data: { ...definition, previousTargets: previous } });
      await this.audit.record(manager, {
        tenant: user.tenant,
        actor: user.sub,
        entityType: 'indicator',
        entityId: saved.id,
        action: 'targets-changed',
        before: { targets: previous },
        after: { targets: next },
        reason: dto.reason,
      });
      return (await this.views(manager, user.tenant, [saved]))[0];
    });
  }

  async remove(user: TequioClaims, id: string): Promise<IndicatorView> {
    return this.indicators.transaction(async (manager) => {
      const found = await this.require(manager, user.tenant, id);
      await this.programs.requireLocked(manager, user.tenant, found.programId);
      const indicator = await this.require(manager, user.tenant, id);
      const children = await this.indicators.children(manager, indicator.id);
      if (children.length > 0) {
        throw new ConflictException(`id: el ${levelLabel(indicator)} tiene actividades (${children.map((c) => levelLabel(c)).join(', ')}); elimínelas primero`);
      }
      const targets = targetsOf(indicator);
      const locked = await this.locks.lockedQuarters(manager, user.tenant, indicator.programId, indicator.year);
      const refused = QUARTERS.flatMap((quarter) => {
        const lock = locked.get(quarter);
        return lock && targets[quarter] !== null ? [{ field: `targets.${quarter}`, message: lockedQuarterReason(lock, 'eliminar el indicador') }] : [];
      });
      if (refused.length > 0) throw new ConflictException(fieldMessages(refused));
      const view = (await this.views(manager, user.tenant, [indicator]))[0];
      const definition = await this.definition(manager, indicator);
      await this.indicators.delete(manager, indicator.id);
      const last = { ...definition, version: definition.version + 1 };
      await this.outbox.publish(manager, IndicatorDeleted, { subject: indicator.id, tenant: indicator.tenant, data: last });
      await this.audit.record(manager, { tenant: user.tenant, actor: user.sub, entityType: 'indicator', entityId: indicator.id, action: 'deleted', before: definition });
      return { ...view, version: last.version };
    });
  }

  async get(user: TequioClaims, id: string): Promise<IndicatorView> {
    const indicator = await this.indicators.findById(user.tenant, id);
    if (!indicator) throw new NotFoundException(`No existe el indicador ${id}`);
    return (await this.views(this.indicators.manager, user.tenant, [indicator]))[0];
  }

  async list(user: TequioClaims, query: ListIndicatorsQueryDto): Promise<Page<IndicatorView>> {
    const { items, total } = await this.indicators.list({ ...query, tenant: user.tenant });
    return { items: await this.views(this.indicators.manager, user.tenant, items), total, limit: query.limit, offset: query.offset };
  }

  // ── Validation ──────────────────────────────────────────────────────────────────────────────────────────

  /**
   * Checks rows for one program. `replacing` is the stored indicator a PATCH rewrites: it is left out of the
   * program's positions, and only targets that differ from its own are checked against closed quarters; while any
   * quarter of the year is closed, its formula, factor, accumulation and direction do not change either.
   * `crossFieldRules`: the cross-field rules to enforce, by the field they name.
   */
  private async prepare(
    manager: EntityManager,
    tenant: string,
    programId: string,
    raw: unknown[],
    replacing: Indicator | null,
    crossFieldRules: CrossFieldScope,
  ): Promise<Prepared> {
    const program = await this.programs.requireLocked(manager, tenant, programId);
    const problems: RowProblem[] = [];
    const parsed: { row: number; input: IndicatorInput }[] = [];
    raw.forEach((candidate, row) => {
      const result = indicatorInputSchema.safeParse(candidate);
      if (result.success) parsed.push({ row, input: result.data });
      else for (const issue of result.error.issues) problems.push({ row, field: issue.path.join('.') || '(fila)', message: issue.message, conflict: false });
    });

    // Levels and parents, against the program's other indicators.
    const existing = (await this.indicators.ofProgram(manager, program.id)).filter((indicator) => indicator.id !== replacing?.id);
    const mir = checkMirSet(existing, parsed.map((entry) => entry.input));
    for (const issue of mir.issues) problems.push({ row: parsed[issue.row].row, field: issue.field, message: issue.message, conflict: issue.conflict });

    // Responsible units.
    const unitIds = parsed.map((entry) => entry.input.responsibleUnitId ?? program.ownerUnitId);
    const units = new Map((await this.indicators.unitsByIds(manager, tenant, unitIds)).map((unit) => [unit.id, unit]));
    parsed.forEach((entry, index) => {
      if (!units.has(unitIds[index])) {
        problems.push({ row: entry.row, field: 'responsibleUnitId', message: `no existe la unidad ${unitIds[index]}`, conflict: false });
      }
    });

    // Formulas, against the metric registry and the municipality's unit codes.
    const registry = this.metrics.shapes(parsed.flatMap((entry) => metricsUsed(entry.input.formula)));
    const codes = parsed.flatMap((entry) => unitCodesUsed(entry.input.formula, registry));
    const unitCodes = new Set((await this.indicators.unitsByCodes(manager, tenant, codes)).map((unit) => unit.code));
    for (const entry of parsed) {
      for (const issue of validateFormula(entry.input.formula, { metrics: registry, unitCodes })) problems.push({ row: entry.row, ...issue, conflict: false });
      if (entry.input.baseline && entry.input.baseline.year > program.year) {
        problems.push({ row: entry.row, field: 'baseline.year', message: `no puede ser posterior al año del programa (${program.year})`, conflict: false });
      }
      for (const issue of crossFieldIssues(entry.input)) if (crossFieldRules.has(issue.field)) problems.push({ row: entry.row, ...issue, conflict: false });
    }

    // Targets of closed quarters.
    const locked = await this.locks.lockedQuarters(manager, tenant, program.id, program.year);
    const before: QuarterTargets = replacing ? targetsOf(replacing) : { q1: null, q2: null, q3: null, q4: null };
    for (const entry of parsed) {
      for (const quarter of QUARTERS) {
        const lock = locked.get(quarter);
        if (lock && entry.input.targets[quarter] !== before[quarter]) {
          problems.push({ row: entry.row, field: `targets.${quarter}`, message: lockedQuarterReason(lock), conflict: true });
        }
      }
    }
    // What approved values were computed with, while any quarter of the year is closed.
    const firstLock = QUARTERS.map((quarter) => locked.get(quarter)).find((lock) => lock !== undefined);
    if (replacing && firstLock) {
      for (const entry of parsed) {
        for (const field of changedComputationFields(replacing, entry.input)) {
          problems.push({ row: entry.row, field, message: lockedQuarterReason(firstLock, COMPUTATION_FIELD_PURPOSES[field]), conflict: true });
        }
      }
    }

    problems.sort((a, b) => a.row - b.row);
    return {
      program,
      units,
      problems,
      rows: parsed.map((entry, index) => ({ ...entry, unitId: unitIds[index], parent: mir.parents.get(index) ?? null })),
    };
  }

  // ── Writing ─────────────────────────────────────────────────────────────────────────────────────────────

  private async insert(manager: EntityManager, user: TequioClaims, prepared: Prepared, options: CreateManyOptions): Promise<Indicator[]> {
    const { program } = prepared;
    const byIndex = new Map<number, Indicator>();
    // Components before their activities, so an activity can point at a component of the same set.
    const order = prepared.rows.map((_, index) => index).sort((a, b) => compareMirPositions(prepared.rows[a].input, prepared.rows[b].input));
    for (const index of order) {
      const { input, unitId, parent } = prepared.rows[index];
      const parentId = parent === null ? null : 'existingId' in parent ? parent.existingId : (byIndex.get(parent.row) as Indicator).id;
      const indicator = Object.assign(new Indicator(), {
        tenant: program.tenant,
        programId: program.id,
        year: program.year,
        ...entityFields(input, unitId),
        parentId,
        version: 1,
      });
      const saved = await this.indicators.insert(manager, indicator);
      byIndex.set(index, saved);
      const data = definitionOf(saved, prepared.units.get(unitId) as Unit);
      await this.outbox.publish(manager, IndicatorCreated, { subject: saved.id, tenant: saved.tenant, data });
      await this.audit.record(manager, {
        tenant: user.tenant,
        actor: user.sub,
        entityType: 'indicator',
        entityId: saved.id,
        action: options.action ?? 'created',
        after: data,
        reason: options.reason,
      });
    }
    return prepared.rows.map((_, index) => byIndex.get(index) as Indicator);
  }

  private async publish(manager: EntityManager, definition: EventDefinition<typeof IndicatorCreated.data>, indicator: Indicator): Promise<IndicatorDefinition> {
    const data = await this.definition(manager, indicator);
    await this.outbox.publish(manager, definition, { subject: indicator.id, tenant: indicator.tenant, data });
    return data;
  }

  private async definition(manager: EntityManager, indicator: Indicator): Promise<IndicatorDefinition> {
    const [unit] = await this.indicators.unitsByIds(manager, indicator.tenant, [indicator.responsibleUnitId]);
    return definitionOf(indicator, unit);
  }

  private async require(manager: EntityManager, tenant: string, id: string): Promise<Indicator> {
    const indicator = await this.indicators.findById(tenant, id, manager);
    if (!indicator) throw new NotFoundException(`No existe el indicador ${id}`);
    return indicator;
  }

  private async views(manager: EntityManager, tenant: string, indicators: Indicator[]): Promise<IndicatorView[]> {
    const programs = await this.programs.byIds(manager, tenant, indicators.map((i) => i.programId));
    const units = new Map((await this.indicators.unitsByIds(manager, tenant, indicators.map((i) => i.responsibleUnitId))).map((u) => [u.id, u]));
    return indicators.map((indicator) => {
      const { targetQ1: _1, targetQ2: _2, targetQ3: _3, targetQ4: _4, baselineValue, baselineYear, ...rest } = indicator;
      const program = programs.get(indicator.programId);
      return {
        ...rest,
        programLabel: program ? programLabel(program) : null,
        levelLabel: levelLabel(indicator),
        typeLabel: INDICATOR_TYPE_LABELS[indicator.type],
        dimensionLabel: INDICATOR_DIMENSION_LABELS[indicator.dimension],
        frequencyLabel: MEASUREMENT_FREQUENCY_LABELS[indicator.frequency],
        directionLabel: INDICATOR_DIRECTION_LABELS[indicator.direction],
        accumulationLabel: ACCUMULATION_TYPE_LABELS[indicator.accumulation],
        baseline: baselineValue === null || baselineYear === null ? null : { value: baselineValue, year: baselineYear },
        responsibleUnitCode: units.get(indicator.responsibleUnitId)?.code ?? null,
        targets: targetsOf(indicator),
      };
    });
  }
}
