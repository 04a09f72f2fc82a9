import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { TequioClaims } from '@tequio/auth';
import { IndicatorDefinition, IndicatorDeleted, IndicatorUpdated, QUARTERS } from '@tequio/contracts';
import { Page, VersionedWriter } from '@tequio/platform';
import { lockedQuarterReason, QuarterLocksService } from '../quarter-locks/quarter-locks.service';
import { Unit } from '../units/unit.entity';
import { ListIndicatorsQueryDto, UpdateIndicatorDto } from './indicator.dto';
import { fieldMessages, singleError } from './indicator-errors';
import { canonical, definitionOf, entityFields, targetsOf } from './indicator-fields';
import { IndicatorLock } from './indicator-lock';
import { crossFieldScopeOf, mergeForUpdate } from './indicator-update';
import { IndicatorValidation } from './indicator-validation';
import { IndicatorView, IndicatorViews } from './indicator-views';
import { IndicatorsRepository } from './indicators.repository';
import { levelLabel } from './mir-levels';

/** A stored indicator's definition: read, changed (PATCH) and deleted. New ones: IndicatorCreationService. */
@Injectable()
export class IndicatorDefinitionsService {
  constructor(
    private readonly indicators: IndicatorsRepository,
    private readonly validation: IndicatorValidation,
    private readonly views: IndicatorViews,
    private readonly lock: IndicatorLock,
    private readonly locks: QuarterLocksService,
    private readonly writer: VersionedWriter,
  ) {}

  async get(user: TequioClaims, id: string): Promise<IndicatorView> {
    const indicator = await this.indicators.findById(user.tenant, id);
    if (!indicator) throw new NotFoundException(`No existe el indicador ${id}`);
    return this.views.view(this.indicators.manager, user.tenant, indicator);
  }

  async list(user: TequioClaims, query: ListIndicatorsQueryDto): Promise<Page<IndicatorView>> {
    const { items, total } = await this.indicators.list({ ...query, tenant: user.tenant });
    return { items: await this.views.views(this.indicators.manager, user.tenant, items), total, limit: query.limit, offset: query.offset };
  }

  /** PATCH: the merged indicator passes the same checks as a new one; a PATCH that changes nothing writes nothing. */
  async update(user: TequioClaims, id: string, dto: UpdateIndicatorDto): Promise<IndicatorView> {
    return this.indicators.transaction(async (manager) => {
      const state = {} as { before: IndicatorDefinition; unit: Unit };
      const saved = await this.writer.update({
        ...this.lock.locate(user, id, manager),
        action: 'updated',
        event: IndicatorUpdated,
        change: async (current) => {
          const prepared = await this.validation.prepare(manager, user.tenant, current.programId, [mergeForUpdate(current, dto)], current, crossFieldScopeOf(dto));
          if (prepared.problems.length > 0) throw singleError(prepared.problems);
          const [{ input, unitId, parent }] = prepared.rows;
          state.unit = prepared.units.get(unitId) as Unit;
          Object.assign(current, entityFields(input, unitId));
          current.parentId = parent && 'existingId' in parent ? parent.existingId : null;
          return canonical(definitionOf(current, state.unit)) === canonical(state.before) ? { unchanged: true } : {};
        },
        snapshot: (saved) => definitionOf(saved, state.unit),
        audited: {
          // Runs before the change: what the change is compared with.
          before: async (current) => (state.before = await this.views.definition(manager, current)),
          after: (saved) => definitionOf(saved, state.unit),
        },
      });
      return this.views.view(manager, user.tenant, saved);
    });
  }

  /** Deletes an indicator without activities, unless a closed quarter holds one of its targets. */
  async remove(user: TequioClaims, id: string): Promise<IndicatorView> {
    return this.indicators.transaction(async (manager) => {
      const last = await this.writer.remove({
        ...this.lock.locate(user, id, manager),
        action: 'deleted',
        event: IndicatorDeleted,
        check: async (indicator) => {
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
        },
        snapshot: (indicator) => this.views.definition(manager, indicator),
        audited: { before: (indicator) => this.views.definition(manager, indicator) },
        delete: (indicator) => this.indicators.delete(manager, indicator.id),
      });
      return this.views.view(manager, user.tenant, last);
    });
  }
}
