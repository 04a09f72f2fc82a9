import { Injectable } from '@nestjs/common';
import { TequioClaims } from '@tequio/auth';
import { IndicatorCreated } from '@tequio/contracts';
import { VersionedWriter } from '@tequio/platform';
import { EntityManager } from 'typeorm';
import { Unit } from '../units/unit.entity';
import { Indicator } from './indicator.entity';
import { batchError, singleError } from './indicator-errors';
import { definitionOf, entityFields } from './indicator-fields';
import { IndicatorInput } from './indicator-input';
import { ALL_CROSS_FIELD_RULES, NO_CROSS_FIELD_RULES } from './indicator-update';
import { IndicatorValidation, Prepared } from './indicator-validation';
import { IndicatorView, IndicatorViews } from './indicator-views';
import { IndicatorsRepository } from './indicators.repository';
import { compareMirPositions } from './mir-levels';

export interface CreateManyOptions {
  /** Audit action of each indicator: `created` (default) or `imported`. */
  action?: 'created' | 'imported';
  /** Recorded in the audit trail, e.g. the imported file name. */
  reason?: string;
}

/** New indicators: one through the API, or a program's whole MIR at once (the MIR import's entry point). */
@Injectable()
export class IndicatorCreationService {
  constructor(
    private readonly indicators: IndicatorsRepository,
    private readonly validation: IndicatorValidation,
    private readonly views: IndicatorViews,
    private readonly writer: VersionedWriter,
  ) {}

  /** One indicator (POST /programs/:programId/indicators and POST /indicators). */
  async create(user: TequioClaims, programId: string, input: IndicatorInput): Promise<IndicatorView> {
    return this.indicators.transaction(async (manager) => {
      const prepared = await this.validation.prepare(manager, user.tenant, programId, [input], null, ALL_CROSS_FIELD_RULES);
      if (prepared.problems.length > 0) throw singleError(prepared.problems);
      const [created] = await this.insert(manager, user, prepared, {});
      return this.views.view(manager, user.tenant, created);
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
    const prepared = await this.validation.prepare(manager, user.tenant, programId, inputs, null, NO_CROSS_FIELD_RULES);
    if (prepared.problems.length > 0) throw batchError(prepared.problems);
    return this.insert(manager, user, prepared, options);
  }

  /** Inserts checked rows (their program locked by the checks), in the caller's transaction; returned in input order. */
  private async insert(manager: EntityManager, user: TequioClaims, prepared: Prepared, options: CreateManyOptions): Promise<Indicator[]> {
    const { program } = prepared;
    const byIndex = new Map<number, Indicator>();
    // Components before their activities, so an activity can point at a component of the same set.
    const order = prepared.rows.map((_, index) => index).sort((a, b) => compareMirPositions(prepared.rows[a].input, prepared.rows[b].input));
    for (const index of order) {
      const { input, unitId, parent } = prepared.rows[index];
      const unit = prepared.units.get(unitId) as Unit;
      const saved = await this.writer.create({
        manager,
        tenant: user.tenant,
        actor: user.sub,
        entityType: 'indicator',
        action: options.action ?? 'created',
        reason: options.reason,
        event: IndicatorCreated,
        entity: Indicator,
        build: () =>
          Object.assign(new Indicator(), {
            tenant: program.tenant,
            programId: program.id,
            year: program.year,
            ...entityFields(input, unitId),
            parentId: parent === null ? null : 'existingId' in parent ? parent.existingId : (byIndex.get(parent.row) as Indicator).id,
          }),
        snapshot: (saved) => definitionOf(saved, unit),
        audited: { after: (saved) => definitionOf(saved, unit) },
      });
      byIndex.set(index, saved);
    }
    return prepared.rows.map((_, index) => byIndex.get(index) as Indicator);
  }
}
