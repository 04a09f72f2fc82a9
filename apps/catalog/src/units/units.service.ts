import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { TequioClaims } from '@tequio/auth';
import { EventDefinition, UNIT_KIND_LABELS, UnitCreated, UnitDeactivated, UnitSnapshot, UnitUpdated } from '@tequio/contracts';
import { AuditTrail, OutboxService } from '@tequio/persistence';
import { Page, todayInMexico } from '@tequio/platform';
import { EntityManager } from 'typeorm';
import { CreateUnitDto, DeactivateUnitDto, ListUnitsQueryDto, UpdateUnitDto } from './unit.dto';
import { Unit } from './unit.entity';
import { UnitsRepository } from './units.repository';

export type UnitView = Unit & { kindLabel: string };

@Injectable()
export class UnitsService {
  constructor(
    private readonly units: UnitsRepository,
    private readonly outbox: OutboxService,
    private readonly audit: AuditTrail,
  ) {}

  async create(user: TequioClaims, dto: CreateUnitDto): Promise<UnitView> {
    const unit = await this.units.transaction(async (manager) => {
      if (await this.units.findByCode(user.tenant, dto.code, manager)) {
        throw new ConflictException(`code: ya existe una unidad con la clave ${dto.code}`);
      }
      if (dto.parentId) await this.requireParent(manager, user.tenant, dto.parentId);
      const created = await this.units.save(
        manager,
        Object.assign(new Unit(), {
          tenant: user.tenant,
          code: dto.code,
          name: dto.name,
          kind: dto.kind,
          parentId: dto.parentId ?? null,
          headName: dto.headName ?? null,
          headTitle: dto.headTitle ?? null,
          activeFrom: dto.activeFrom ?? todayInMexico(),
          activeTo: null,
          version: 1,
        }),
      );
      await this.emit(manager, UnitCreated, created);
      await this.audit.record(manager, { tenant: user.tenant, actor: user.sub, entityType: 'unit', entityId: created.id, action: 'created', after: created });
      return created;
    });
    return view(unit);
  }

  async update(user: TequioClaims, id: string, dto: UpdateUnitDto): Promise<UnitView> {
    const unit = await this.units.transaction(async (manager) => {
      const unit = await this.require(manager, user.tenant, id);
      const before = { ...unit };
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
      unit.version += 1;
      const saved = await this.units.save(manager, unit);
      await this.emit(manager, UnitUpdated, saved);
      const action = before.parentId !== saved.parentId ? 'moved' : 'updated';
      await this.audit.record(manager, { tenant: user.tenant, actor: user.sub, entityType: 'unit', entityId: saved.id, action, before, after: saved });
      return saved;
    });
    return view(unit);
  }

  async deactivate(user: TequioClaims, id: string, dto: DeactivateUnitDto): Promise<UnitView> {
    const unit = await this.units.transaction(async (manager) => {
      const unit = await this.require(manager, user.tenant, id);
      const before = { ...unit };
      const activeTo = dto.activeTo ?? todayInMexico();
      if (activeTo < unit.activeFrom) throw new BadRequestException('activeTo: no puede ser anterior a activeFrom');
      unit.activeTo = activeTo;
      unit.version += 1;
      const saved = await this.units.save(manager, unit);
      await this.emit(manager, UnitDeactivated, saved);
      await this.audit.record(manager, { tenant: user.tenant, actor: user.sub, entityType: 'unit', entityId: saved.id, action: 'deactivated', before, after: saved });
      return saved;
    });
    return view(unit);
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

  private async require(manager: EntityManager, tenant: string, id: string): Promise<Unit> {
    const unit = await this.units.findById(tenant, id, manager);
    if (!unit) throw new NotFoundException(`No existe la unidad ${id}`);
    return unit;
  }

  private async requireParent(manager: EntityManager, tenant: string, parentId: string): Promise<void> {
    if (!(await this.units.findById(tenant, parentId, manager))) {
      throw new BadRequestException(`parentId: no existe la unidad superior ${parentId}`);
    }
  }

  private emit(manager: EntityManager, definition: EventDefinition<typeof UnitCreated.data>, unit: Unit): Promise<string> {
    return this.outbox.publish(manager, definition, { subject: unit.id, tenant: unit.tenant, data: snapshot(unit) });
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

function view(unit: Unit): UnitView {
  return { ...unit, kindLabel: UNIT_KIND_LABELS[unit.kind] };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
