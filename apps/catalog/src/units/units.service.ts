import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { TequioClaims } from '@tequio/auth';
import { EventDefinition, UNIT_KIND_LABELS, UnitCreated, UnitDeactivated, UnitDeleted, UnitSnapshot, UnitUpdated } from '@tequio/contracts';
import { AuditAction } from '@tequio/persistence';
import { definedOnly, Page, todayInMexico, VersionedWriter } from '@tequio/platform';
import { EntityManager, QueryFailedError } from 'typeorm';
import { CreateUnitDto, DeactivateUnitDto, ListUnitsQueryDto, UnitTreeQueryDto, UpdateUnitDto } from './unit.dto';
import { UnitParentHistory } from './unit-parent-history.entity';
import { buildTree, TreeNode } from './unit-tree';
import { Unit } from './unit.entity';
import { UnitHistoryRow, UnitsRepository, UnitTreeRow } from './units.repository';

type UnitEvent = EventDefinition<typeof UnitCreated.data>;

export type UnitView = Unit & { kindLabel: string };
export type UnitTreeNode = TreeNode<UnitTreeRow & { kindLabel: string }>;
export type UnitHistoryItem = UnitHistoryRow & { current: boolean; label: string };

/** What the rows that keep a unit from being deleted are, by referencing table (other tables: their name). */
const RECORD_LABELS: Record<string, string> = {
  unit: 'unidades dependientes',
  unit_parent_history: 'historial de unidades superiores de otras unidades',
  program: 'programas presupuestarios',
  indicator: 'indicadores',
};

@Injectable()
export class UnitsService {
  constructor(
    private readonly units: UnitsRepository,
    private readonly writer: VersionedWriter,
  ) {}

  async create(user: TequioClaims, dto: CreateUnitDto): Promise<UnitView> {
    const unit = await this.writer.create({
      ...this.record(user, 'created', UnitCreated),
      entity: Unit,
      build: async (manager) => {
        await this.units.lockTree(manager, user.tenant);
        if (await this.units.findByCode(user.tenant, dto.code, manager)) {
          throw new ConflictException(`code: ya existe una unidad con la clave ${dto.code}`);
        }
        if (dto.parentId) await this.requireParent(manager, user.tenant, dto.parentId);
        return Object.assign(new Unit(), {
          tenant: user.tenant,
          code: dto.code,
          name: dto.name,
          kind: dto.kind,
          parentId: dto.parentId ?? null,
          headName: dto.headName ?? null,
          headTitle: dto.headTitle ?? null,
          activeFrom: dto.activeFrom ?? todayInMexico(),
          activeTo: null,
        });
      },
      afterSave: async (created, manager) => {
        await this.units.savePeriod(manager, period(created.id, created.parentId, created.activeFrom));
      },
    });
    return view(unit);
  }

  async update(user: TequioClaims, id: string, dto: UpdateUnitDto): Promise<UnitView> {
    const unit = await this.writer.update({
      ...this.locate(user, id, 'updated', UnitUpdated),
      change: async (unit, manager) => {
        const before = { parentId: unit.parentId, activeFrom: unit.activeFrom, activeTo: unit.activeTo };
        if (dto.parentId !== undefined && dto.parentId !== unit.parentId && dto.parentId !== null) {
          await this.requireParent(manager, user.tenant, dto.parentId);
          if ((await this.units.ancestorIds(manager, dto.parentId)).includes(unit.id)) {
            throw new ConflictException(`parentId: mover la unidad ${unit.code} bajo esa unidad formaría un ciclo`);
          }
        }
        Object.assign(unit, definedOnly(dto));
        if (unit.activeTo !== null && unit.activeTo < unit.activeFrom) {
          throw new BadRequestException('activeTo: no puede ser anterior a activeFrom');
        }
        const deactivating = before.activeTo === null && unit.activeTo !== null;
        if (deactivating) await this.refuseActiveChildren(manager, unit, unit.activeTo as string);
        const moved = before.parentId !== unit.parentId;
        return {
          // Consumers react to a deactivation whichever endpoint made it.
          event: deactivating ? UnitDeactivated : UnitUpdated,
          action: deactivating ? 'deactivated' : moved ? 'moved' : 'updated',
          afterSave: async (saved, manager) => {
            if (before.activeFrom !== saved.activeFrom) await this.alignHistoryStart(manager, saved);
            if (moved) await this.recordMove(manager, saved);
          },
        };
      },
    });
    return view(unit);
  }

  async deactivate(user: TequioClaims, id: string, dto: DeactivateUnitDto): Promise<UnitView> {
    const unit = await this.writer.update({
      ...this.locate(user, id, 'deactivated', UnitDeactivated),
      change: async (unit, manager) => {
        const activeTo = dto.activeTo ?? todayInMexico();
        if (activeTo < unit.activeFrom) throw new BadRequestException('activeTo: no puede ser anterior a activeFrom');
        await this.refuseActiveChildren(manager, unit, activeTo);
        unit.activeTo = activeTo;
      },
    });
    return view(unit);
  }

  /**
   * Deletes a unit registered by mistake. A unit with dependent units, or that any record references (a program,
   * an indicator, another unit's parent history...), can only be deactivated: 409 saying why.
   */
  async delete(user: TequioClaims, id: string): Promise<void> {
    await this.writer.remove({
      ...this.locate(user, id, 'deleted', UnitDeleted),
      check: async (unit, manager) => {
        if ((await this.units.childCount(manager, unit.id)) > 0) {
          throw new ConflictException(`id: la unidad ${unit.code} tiene unidades dependientes; solo puede darse de baja`);
        }
      },
      delete: async (unit, manager) => {
        try {
          await this.units.delete(manager, unit.id);
        } catch (error) {
          const table = foreignKeyViolationTable(error);
          if (table === undefined) throw error;
          const what = RECORD_LABELS[table] ?? `registros en ${table}`;
          throw new ConflictException(`id: la unidad ${unit.code} tiene registros que dependen de ella (${what}); solo puede darse de baja`);
        }
      },
    });
  }

  private record(user: TequioClaims, action: AuditAction, event: UnitEvent) {
    return { tenant: user.tenant, actor: user.sub, entityType: 'unit', action, event, snapshot } as const;
  }

  /**
   * Every change of a unit takes the municipality's tree lock first: two concurrent moves could each pass the cycle
   * check against the other's uncommitted state and together close a cycle.
   */
  private locate(user: TequioClaims, id: string, action: AuditAction, event: UnitEvent) {
    return {
      ...this.record(user, action, event),
      entity: Unit,
      lock: async (manager: EntityManager) => {
        await this.units.lockTree(manager, user.tenant);
        return this.units.findById(user.tenant, id, manager);
      },
      notFound: () => new NotFoundException(`No existe la unidad ${id}`),
    };
  }

  /** The parents the unit has had, oldest first. */
  async history(user: TequioClaims, id: string): Promise<{ unitId: string; code: string; name: string; items: UnitHistoryItem[] }> {
    const unit = await this.units.findById(user.tenant, id);
    if (!unit) throw new NotFoundException(`No existe la unidad ${id}`);
    const rows = await this.units.history(unit.id);
    return { unitId: unit.id, code: unit.code, name: unit.name, items: rows.map((row) => ({ ...row, current: row.validTo === null, label: periodLabel(row) })) };
  }

  /** The tenant's units as a tree: today's structure, or (with activeOn) the units and parents of that day. */
  async tree(user: TequioClaims, query: UnitTreeQueryDto): Promise<{ activeOn: string | null; total: number; roots: UnitTreeNode[] }> {
    const rows = await this.units.treeRows(user.tenant, query.activeOn);
    const roots = buildTree(rows.map((row) => ({ ...row, kindLabel: UNIT_KIND_LABELS[row.kind] ?? row.kind })));
    return { activeOn: query.activeOn ?? null, total: rows.length, roots };
  }

  async get(user: TequioClaims, id: string): Promise<UnitView> {
    const unit = await this.units.findById(user.tenant, id);
    if (!unit) throw new NotFoundException(`No existe la unidad ${id}`);
    return view(unit);
  }

  async list(user: TequioClaims, query: ListUnitsQueryDto): Promise<Page<UnitView>> {
    const { items, total } = await this.units.list({
      ...query,
      tenant: user.tenant,
      active: query.active === undefined ? undefined : query.active === 'true',
      today: todayInMexico(),
    });
    return { items: items.map(view), total, limit: query.limit, offset: query.offset };
  }

  private async requireParent(manager: EntityManager, tenant: string, parentId: string): Promise<void> {
    const parent = await this.units.findById(tenant, parentId, manager);
    if (!parent) throw new BadRequestException(`parentId: no existe la unidad superior ${parentId}`);
    if (parent.activeTo !== null && parent.activeTo < todayInMexico()) {
      throw new BadRequestException(`parentId: la unidad superior ${parent.code} está dada de baja desde ${parent.activeTo}`);
    }
  }

  /** A unit cannot close while units under it stay open: they would hang from an inactive unit. */
  private async refuseActiveChildren(manager: EntityManager, unit: Unit, activeTo: string): Promise<void> {
    const children = await this.units.activeChildCodes(manager, unit.id, activeTo);
    if (children.length > 0) {
      throw new ConflictException(
        `activeTo: la unidad ${unit.code} tiene unidades dependientes activas (${children.join(', ')}); délas de baja o muévalas primero`,
      );
    }
  }

  /**
   * Ends the current parent period the day before the move and opens one under the new parent. Moves take effect
   * today (or on the day the unit starts, if later); a second move the same day replaces the period it opened.
   */
  private async recordMove(manager: EntityManager, unit: Unit): Promise<void> {
    const today = todayInMexico();
    const open = await this.units.openPeriod(manager, unit.id);
    if (!open) {
      await this.units.savePeriod(manager, period(unit.id, unit.parentId, unit.activeFrom > today ? unit.activeFrom : today));
      return;
    }
    if (open.validFrom >= today) {
      const previous = await this.units.periodEndingBefore(manager, unit.id, open.validFrom);
      if (previous && previous.parentId === unit.parentId) {
        // Moved back the same day: the period that never took effect disappears and the previous one goes on.
        await this.units.deletePeriod(manager, open);
        previous.validTo = null;
        await this.units.savePeriod(manager, previous);
      } else {
        open.parentId = unit.parentId;
        await this.units.savePeriod(manager, open);
      }
      return;
    }
    await this.units.closePeriodBefore(manager, open, today);
    await this.units.savePeriod(manager, period(unit.id, unit.parentId, today));
  }

  /** A new activeFrom moves the start of the first parent period, as long as it does not pass a later move. */
  private async alignHistoryStart(manager: EntityManager, unit: Unit): Promise<void> {
    const first = await this.units.firstPeriod(manager, unit.id);
    if (!first) return;
    if (first.validTo !== null && unit.activeFrom > first.validTo) {
      throw new ConflictException(
        `activeFrom: la unidad ${unit.code} cambió de unidad superior después del ${first.validTo}; no puede iniciar después de esa fecha`,
      );
    }
    first.validFrom = unit.activeFrom;
    await this.units.savePeriod(manager, first);
  }
}

function snapshot(unit: Unit): UnitSnapshot {
  return {
    unitId: unit.id,
    code: unit.code,
    name: unit.name,
    kind: unit.kind,
    parentId: unit.parentId,
    activeFrom: unit.activeFrom,
    activeTo: unit.activeTo,
    version: unit.version,
  };
}

function period(unitId: string, parentId: string | null, validFrom: string): UnitParentHistory {
  return Object.assign(new UnitParentHistory(), { unitId, parentId, validFrom, validTo: null });
}

function periodLabel(row: UnitHistoryRow): string {
  const parent = row.parentId === null ? null : `${row.parentCode} - ${row.parentName}`;
  if (row.validTo === null) {
    return parent === null ? `Unidad raíz (sin unidad superior) desde el ${row.validFrom}` : `Depende de ${parent} desde el ${row.validFrom}`;
  }
  return parent === null
    ? `Fue unidad raíz (sin unidad superior) del ${row.validFrom} al ${row.validTo}`
    : `Dependió de ${parent} del ${row.validFrom} al ${row.validTo}`;
}

/** The referencing table when the error is a PostgreSQL foreign-key violation (23503). */
function foreignKeyViolationTable(error: unknown): string | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  const driverError = error.driverError as { code?: string; table?: string };
  return driverError.code === '23503' ? (driverError.table ?? 'otra tabla') : undefined;
}

function view(unit: Unit): UnitView {
  return { ...unit, kindLabel: UNIT_KIND_LABELS[unit.kind] };
}

