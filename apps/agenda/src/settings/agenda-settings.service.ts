import { ForbiddenException, Injectable } from '@nestjs/common';
import { canActForUnit, Role, Roles, TequioClaims } from '@tequio/auth';
import { EntityManager } from 'typeorm';
import { ChangeRecorder } from '../common/change-recorder';
import { isoWeekLabel, isoWeekOf } from '../common/municipal-time';
import { todayInMexico } from '@tequio/platform';
import { UpdateAgendaSettingsDto } from './agenda-settings.dto';
import { AgendaSettings } from './agenda-settings.entity';
import { AgendaSettingsRepository } from './agenda-settings.repository';

/**
 * The roles that write in the agenda: an admin, planning, unit heads and clerks; auditors only read, and the guard
 * refuses them (the OpenAPI document names the roles). The service then checks the unit: the president's office
 * (`requireManager`) for the agenda and the cabinet, or the caller's own unit for its weekly agenda and feed.
 */
export const WRITER_ROLES: Role[] = ['admin', 'planning', 'unit_head', 'clerk'];
export const AgendaWriters = (): MethodDecorator & ClassDecorator => Roles(...WRITER_ROLES);

const WEEKDAYS = ['lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado', 'domingo'];

/** Until a municipality saves its own: only admins manage, nobody is expected, deadline Sunday 23:59 before the week. */
export function defaultSettings(tenant: string, today = todayInMexico()): AgendaSettings {
  return Object.assign(new AgendaSettings(), {
    tenant,
    officeUnitCodes: [],
    expectedUnitCodes: [],
    deadlineWeekday: 7,
    deadlineTime: '23:59',
    deadlineWeekOffset: -1,
    rostersFrom: isoWeekLabel(isoWeekOf(today)),
    version: 0,
  });
}

export type AgendaSettingsView = ReturnType<typeof settingsView>;

function settingsView(settings: AgendaSettings) {
  return {
    tenant: settings.tenant,
    officeUnitCodes: settings.officeUnitCodes,
    expectedUnitCodes: settings.expectedUnitCodes,
    deadlineWeekday: settings.deadlineWeekday,
    deadlineWeekdayLabel: WEEKDAYS[settings.deadlineWeekday - 1],
    deadlineTime: settings.deadlineTime,
    deadlineWeekOffset: settings.deadlineWeekOffset,
    rostersFrom: settings.rostersFrom,
    version: settings.version,
  };
}

/** The municipality's agenda settings, and who may manage the agenda (rule 8 of the agenda). */
@Injectable()
export class AgendaSettingsService {
  constructor(
    private readonly settings: AgendaSettingsRepository,
    private readonly changes: ChangeRecorder,
  ) {}

  async current(tenant: string, manager?: EntityManager): Promise<AgendaSettings> {
    return (await this.settings.find(tenant, manager)) ?? defaultSettings(tenant);
  }

  /** Municipalities that saved their settings (and so may owe weekly agendas). */
  tenantsWithSettings(): Promise<string[]> {
    return this.settings.tenants();
  }

  async get(user: TequioClaims) {
    return settingsView(await this.current(user.tenant));
  }

  async update(user: TequioClaims, dto: UpdateAgendaSettingsDto) {
    return this.settings.transaction(async (manager) => {
      const existing = await this.settings.lock(manager, user.tenant);
      const before = existing ? settingsView(existing) : null;
      const settings = existing ?? defaultSettings(user.tenant);
      Object.assign(settings, dto);
      settings.version += 1;
      const saved = await this.settings.save(manager, settings);
      const view = settingsView(saved);
      await this.changes.record(manager, user, { entityType: 'agenda_settings', entityId: user.tenant, action: existing ? 'updated' : 'created', before, after: view });
      return view;
    });
  }

  /** Admins, and staff of the president's office units, manage the agenda and the cabinet meetings. */
  async isManager(user: TequioClaims, manager?: EntityManager): Promise<boolean> {
    if (user.roles.includes('admin')) return true;
    if (!user.roles.some((role) => role !== 'admin' && WRITER_ROLES.includes(role))) return false;
    const settings = await this.current(user.tenant, manager);
    return settings.officeUnitCodes.some((code) => canActForUnit(user, code));
  }

  async requireManager(user: TequioClaims, manager?: EntityManager): Promise<void> {
    if (!(await this.isManager(user, manager))) {
      throw new ForbiddenException('Solo el personal de la Oficina de la Presidencia (o un administrador) gestiona la agenda y el gabinete');
    }
  }
}
