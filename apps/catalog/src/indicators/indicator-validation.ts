import { Injectable } from '@nestjs/common';
import { QUARTERS, QuarterTargets } from '@tequio/contracts';
import { EntityManager } from 'typeorm';
import { metricsUsed, unitCodesUsed, validateFormula } from '../metrics-registry/formula-validation';
import { MetricDefinitionsService } from '../metrics-registry/metric-definitions.service';
import { Program } from '../programs/program.entity';
import { ProgramsService } from '../programs/programs.service';
import { lockedQuarterReason, QuarterLocksService } from '../quarter-locks/quarter-locks.service';
import { Unit } from '../units/unit.entity';
import { Indicator } from './indicator.entity';
import { RowProblem } from './indicator-errors';
import { targetsOf } from './indicator-fields';
import { IndicatorInput, indicatorInputSchema } from './indicator-input';
import { changedComputationFields, COMPUTATION_FIELD_PURPOSES, crossFieldIssues } from './indicator-rules';
import { CrossFieldScope } from './indicator-update';
import { IndicatorsRepository } from './indicators.repository';
import { checkMirSet } from './mir-levels';

/** Rows checked for one program: each valid row with its responsible unit and parent, and every problem found. */
export interface Prepared {
  program: Program;
  rows: { row: number; input: IndicatorInput; unitId: string; parent: { existingId: string } | { row: number } | null }[];
  units: Map<string, Unit>;
  problems: RowProblem[];
}

/** The checks every indicator write runs, against the program (locked), the metric registry and closed quarters. */
@Injectable()
export class IndicatorValidation {
  constructor(
    private readonly indicators: IndicatorsRepository,
    private readonly programs: ProgramsService,
    private readonly metrics: MetricDefinitionsService,
    private readonly locks: QuarterLocksService,
  ) {}

  /**
   * Checks rows for one program. `replacing` is the stored indicator a PATCH rewrites: it is left out of the
   * program's positions, and only targets that differ from its own are checked against closed quarters; while any
   * quarter of the year is closed, its formula, factor, accumulation and direction do not change either.
   * `crossFieldRules`: the cross-field rules to enforce, by the field they name.
   */
  async prepare(
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
}
