import { ForbiddenException, Injectable } from '@nestjs/common';
import { Role, Roles, TequioClaims } from '@tequio/auth';
import { AuditTrail } from '@tequio/persistence';
import { definedOnly } from '@tequio/platform';
import { EntityManager } from 'typeorm';
import { UpdateSettingsDto } from './settings.dto';
import { TransparencySettings } from './settings.entity';
import { defaultSettings, SettingsRepository } from './settings.repository';

export type SettingsView = Pick<TransparencySettings, 'unitCode' | 'oficioPrefix' | 'terms' | 'dueSoonDays' | 'version'> & { isDefault: boolean };

/**
 * Routes only transparency staff may use: the roles that can be staff (the service then checks the unit), so the
 * OpenAPI document names them and the guard refuses planning and auditors before any lookup.
 */
export const TRANSPARENCY_STAFF_ROLES: Role[] = ['admin', 'unit_head', 'clerk'];
export const TransparencyStaffOnly = (): MethodDecorator & ClassDecorator => Roles(...TRANSPARENCY_STAFF_ROLES);

/** Transparency staff: admins, and users of the municipality's transparency unit. */
export function isTransparencyStaff(user: TequioClaims, settings: Pick<TransparencySettings, 'unitCode'>): boolean {
  return user.roles.includes('admin') || ((user.roles.includes('unit_head') || user.roles.includes('clerk')) && user.units.includes(settings.unitCode));
}

@Injectable()
export class SettingsService {
  constructor(
    private readonly settings: SettingsRepository,
    private readonly audit: AuditTrail,
  ) {}

  async get(user: TequioClaims): Promise<SettingsView> {
    return view(await this.settings.find(user.tenant));
  }

  forTenant(tenant: string, manager?: EntityManager): Promise<TransparencySettings> {
    return this.settings.findOrDefault(tenant, manager);
  }

  /** The settings, after checking the user is transparency staff (403 otherwise). */
  async requireStaff(user: TequioClaims, manager?: EntityManager): Promise<TransparencySettings> {
    const settings = await this.forTenant(user.tenant, manager);
    if (!isTransparencyStaff(user, settings)) {
      throw new ForbiddenException(`Solo el personal de la Unidad de Transparencia (unidad ${settings.unitCode}) puede hacerlo`);
    }
    return settings;
  }

  /** The next consecutive oficio number of the year, e.g. UT/0412/2024. */
  nextOficio(manager: EntityManager, settings: TransparencySettings, year: number): Promise<string> {
    return this.settings.nextOficio(manager, settings.tenant, settings.oficioPrefix, year);
  }

  async update(user: TequioClaims, dto: UpdateSettingsDto): Promise<SettingsView> {
    return this.settings.transaction(async (manager) => {
      const stored = await this.settings.lock(manager, user.tenant);
      const current = stored ?? defaultSettings(user.tenant);
      const before = stored ? { ...stored } : null;
      const { terms, ...rest } = definedOnly(dto);
      Object.assign(current, rest);
      if (terms) current.terms = { ...current.terms, ...terms };
      current.version += 1;
      const saved = await this.settings.save(manager, current);
      await this.audit.record(manager, { tenant: user.tenant, actor: user.sub, entityType: 'transparency_settings', entityId: user.tenant, action: 'updated', before, after: saved });
      return view(saved);
    });
  }
}

function view(row: TransparencySettings | null): SettingsView {
  const settings = row ?? defaultSettings('');
  return {
    unitCode: settings.unitCode,
    oficioPrefix: settings.oficioPrefix,
    terms: settings.terms,
    dueSoonDays: settings.dueSoonDays,
    version: settings.version,
    isDefault: row === null,
  };
}
