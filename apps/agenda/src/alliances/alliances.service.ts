import { Injectable, NotFoundException, ConflictException } from '@nestjs/common';
import { TequioClaims } from '@tequio/auth';
import { ALLIANCE_KIND_LABELS, AllianceCancelled, AllianceSigned, AllianceSnapshot, AllianceUpdated, EventDefinition } from '@tequio/contracts';
import { EntityManager } from 'typeorm';
import { ChangeRecorder } from '../common/change-recorder';
import { KnownUnits } from '../common/known-units';
import { AgendaSettingsService } from '../settings/agenda-settings.service';
import { CancelAllianceDto, ListAlliancesQueryDto, RegisterAllianceDto, UpdateAllianceDto } from './alliance.dto';
import { Alliance } from './alliance.entity';
import { AlliancesRepository } from './alliances.repository';

function allianceView(alliance: Alliance) {
  return {
    id: alliance.id,
    kind: alliance.kind,
    kindLabel: ALLIANCE_KIND_LABELS[alliance.kind],
    counterpart: alliance.counterpart,
    signedOn: alliance.signedOn,
    unitCode: alliance.unitCode,
    status: alliance.status,
    version: alliance.version,
  };
}

function allianceSnapshot(alliance: Alliance): AllianceSnapshot {
  return { allianceId: alliance.id, kind: alliance.kind, counterpart: alliance.counterpart, signedOn: alliance.signedOn, unitCode: alliance.unitCode, status: alliance.status, version: alliance.version };
}

/** Alliances and twinnings signed by the municipality, counted as the registry says. */
@Injectable()
export class AlliancesService {
  constructor(
    private readonly alliances: AlliancesRepository,
    private readonly settings: AgendaSettingsService,
    private readonly units: KnownUnits,
    private readonly changes: ChangeRecorder,
  ) {}

  async register(user: TequioClaims, dto: RegisterAllianceDto) {
    await this.settings.requireManager(user);
    await this.units.require(user.tenant, [{ field: 'unitCode', code: dto.unitCode }]);
    return this.alliances.transaction(async (manager) => {
      const alliance = await this.alliances.save(manager, Object.assign(new Alliance(), { tenant: user.tenant, ...dto, status: 'vigente', version: 1 }));
      return this.emit(manager, user, AllianceSigned, alliance, 'created', null);
    });
  }

  async update(user: TequioClaims, id: string, dto: UpdateAllianceDto) {
    await this.settings.requireManager(user);
    if (dto.unitCode) await this.units.require(user.tenant, [{ field: 'unitCode', code: dto.unitCode }]);
    return this.alliances.transaction(async (manager) => {
      const alliance = await this.requireLocked(manager, user.tenant, id);
      if (alliance.status === 'cancelada') throw new ConflictException(`status: el registro ${id} está cancelado`);
      const before = allianceView(alliance);
      Object.assign(alliance, dto);
      alliance.version += 1;
      return this.emit(manager, user, AllianceUpdated, await this.alliances.save(manager, alliance), 'updated', before);
    });
  }

  async cancel(user: TequioClaims, id: string, dto: CancelAllianceDto) {
    await this.settings.requireManager(user);
    return this.alliances.transaction(async (manager) => {
      const alliance = await this.requireLocked(manager, user.tenant, id);
      if (alliance.status === 'cancelada') throw new ConflictException(`status: el registro ${id} ya está cancelado`);
      const before = allianceView(alliance);
      alliance.status = 'cancelada';
      alliance.version += 1;
      return this.emit(manager, user, AllianceCancelled, await this.alliances.save(manager, alliance), 'cancelled', before, dto.reason);
    });
  }

  async get(user: TequioClaims, id: string) {
    const alliance = await this.alliances.find(user.tenant, id);
    if (!alliance) throw new NotFoundException(`id: no existe la alianza o hermanamiento ${id}`);
    return allianceView(alliance);
  }

  async list(user: TequioClaims, query: ListAlliancesQueryDto) {
    const { items, total } = await this.alliances.list({ tenant: user.tenant, ...query });
    return { items: items.map(allianceView), total, limit: query.limit, offset: query.offset };
  }

  private async requireLocked(manager: EntityManager, tenant: string, id: string): Promise<Alliance> {
    const alliance = await this.alliances.lock(manager, tenant, id);
    if (!alliance) throw new NotFoundException(`id: no existe la alianza o hermanamiento ${id}`);
    return alliance;
  }

  private async emit(manager: EntityManager, user: TequioClaims, definition: EventDefinition<typeof AllianceSigned.data>, alliance: Alliance, action: string, before: object | null, reason?: string) {
    const view = allianceView(alliance);
    await this.changes.record(manager, user, { entityType: 'alliance', entityId: alliance.id, action, before, after: view, reason, event: { definition, subject: alliance.id, data: allianceSnapshot(alliance) } });
    return view;
  }
}
