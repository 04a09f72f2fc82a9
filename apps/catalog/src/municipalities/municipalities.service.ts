import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { assertTenant, TequioClaims } from '@tequio/auth';
import { MunicipalityCreated, MunicipalitySnapshot, MunicipalityUpdated } from '@tequio/contracts';
import { definedOnly, Page, VersionedWriter } from '@tequio/platform';
import { EntityManager } from 'typeorm';
import { CreateMunicipalityDto, ListMunicipalitiesQueryDto, UpdateMunicipalityDto } from './municipality.dto';
import { Municipality } from './municipality.entity';
import { MunicipalitiesRepository } from './municipalities.repository';

export type MunicipalityView = Municipality & { statusLabel: 'Activo' | 'Inactivo' };

/**
 * Municipalities are the tenants, and tenants are isolated: a user reads only their own municipality and an
 * admin writes only their own (the identity provider's token for a new municipality's admin registers it).
 * The audit entries and events of a municipality carry its own id as tenant: the record belongs to it.
 */
@Injectable()
export class MunicipalitiesService {
  constructor(
    private readonly municipalities: MunicipalitiesRepository,
    private readonly writer: VersionedWriter,
  ) {}

  async create(user: TequioClaims, dto: CreateMunicipalityDto): Promise<MunicipalityView> {
    assertTenant(user, dto.id);
    const created = await this.writer.create({
      ...this.record(user, dto.id, 'created'),
      event: MunicipalityCreated,
      entity: Municipality,
      build: async (manager) => {
        if (await this.municipalities.findById(dto.id, manager)) throw new ConflictException(`id: ya existe el municipio ${dto.id}`);
        await this.refuseTakenInegiCode(manager, dto.inegiCode, dto.id);
        return Object.assign(new Municipality(), { id: dto.id, name: dto.name, state: dto.state, inegiCode: dto.inegiCode, active: dto.active ?? true });
      },
    });
    return view(created);
  }

  async update(user: TequioClaims, id: string, dto: UpdateMunicipalityDto): Promise<MunicipalityView> {
    assertTenant(user, id);
    // The row is locked before it is read: concurrent PATCHes queue, none is lost, each publishes its own version.
    const updated = await this.writer.update({
      ...this.record(user, id, 'updated'),
      event: MunicipalityUpdated,
      entity: Municipality,
      where: { id },
      notFound: () => new NotFoundException(`id: no existe el municipio ${id}`),
      change: async (municipality, manager) => {
        if (dto.inegiCode !== undefined && dto.inegiCode !== municipality.inegiCode) await this.refuseTakenInegiCode(manager, dto.inegiCode, id);
        Object.assign(municipality, definedOnly(dto));
      },
    });
    return view(updated);
  }

  /** The audit entries and events of a municipality carry its own id as tenant: the record belongs to it. */
  private record(user: TequioClaims, id: string, action: 'created' | 'updated') {
    return { tenant: id, actor: user.sub, entityType: 'municipality', action, snapshot } as const;
  }

  async get(user: TequioClaims, id: string): Promise<MunicipalityView> {
    // A caller learns nothing about other municipalities, not even that they exist.
    const municipality = id === user.tenant ? await this.municipalities.findById(id) : null;
    if (!municipality) throw new NotFoundException(`id: no existe el municipio ${id}`);
    return view(municipality);
  }

  async list(user: TequioClaims, query: ListMunicipalitiesQueryDto): Promise<Page<MunicipalityView>> {
    const { items, total } = await this.municipalities.list({
      ...query,
      onlyId: user.tenant,
      active: query.active === undefined ? undefined : query.active === 'true',
    });
    return { items: items.map(view), total, limit: query.limit, offset: query.offset };
  }

  private async refuseTakenInegiCode(manager: EntityManager, inegiCode: string, id: string): Promise<void> {
    const holder = await this.municipalities.findByInegiCode(inegiCode, manager);
    if (holder && holder.id !== id) {
      // Another tenant's id is not ours to reveal.
      throw new ConflictException(`inegiCode: la clave INEGI ${inegiCode} ya está registrada para otro municipio`);
    }
  }

}


function snapshot(municipality: Municipality): MunicipalitySnapshot {
  return {
    municipalityId: municipality.id,
    name: municipality.name,
    state: municipality.state,
    inegiCode: municipality.inegiCode,
    active: municipality.active,
    version: municipality.version,
  };
}

function view(municipality: Municipality): MunicipalityView {
  return { ...municipality, statusLabel: municipality.active ? 'Activo' : 'Inactivo' };
}
