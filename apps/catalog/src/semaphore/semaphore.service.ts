import { Injectable, NotFoundException } from '@nestjs/common';
import { TequioClaims } from '@tequio/auth';
import { SemaphoreChanged, SemaphoreColor } from '@tequio/contracts';
import { VersionedWriter } from '@tequio/platform';
import { EntityManager } from 'typeorm';
import { bandLabel, COLOR_LABELS, DEFAULT_BANDS, DEFAULT_DECIMALS, DEFAULT_NOTE, SemaphoreBand } from './semaphore';
import { ReplaceSemaphoreDto } from './semaphore.dto';
import { SemaphoreScale } from './semaphore.entity';
import { SemaphoreRepository } from './semaphore.repository';

export interface SemaphoreView {
  year: number;
  isDefault: boolean;
  note: string | null;
  decimals: number;
  bands: Array<SemaphoreBand & { colorLabel: string; label: string }>;
  version: number;
  updatedAt: Date | null;
}

/**
 * Semáforo bands per municipality and year. Without custom bands the DOMAIN.md defaults apply, flagged as such.
 * Every change publishes the bands in force and is audited, in one transaction.
 */
@Injectable()
export class SemaphoreService {
  constructor(
    private readonly semaphore: SemaphoreRepository,
    private readonly writer: VersionedWriter,
  ) {}

  async get(user: TequioClaims, year: number): Promise<SemaphoreView> {
    const scale = await this.semaphore.findScale(user.tenant, year);
    return view(year, scale, scale?.custom ? await this.semaphore.bands(user.tenant, year) : null);
  }

  /** Replaces the year's bands (already validated by the DTO: 0 to infinity, no gaps, no overlaps). */
  async replace(user: TequioClaims, year: number, dto: ReplaceSemaphoreDto): Promise<SemaphoreView> {
    const saved = await this.write(user, year, 'replaced', dto.bands, async (scale, manager) => {
      await this.semaphore.replaceBands(manager, user.tenant, year, dto.bands);
      scale.custom = true;
      if (dto.decimals !== undefined) scale.decimals = dto.decimals;
    });
    return view(year, saved, [...dto.bands]);
  }

  /** Back to the defaults (bands and decimals). Nothing is written when the defaults already apply. */
  async reset(user: TequioClaims, year: number): Promise<SemaphoreView> {
    const existing = await this.semaphore.findScale(user.tenant, year);
    if (!existing?.custom) return view(year, existing, null);
    const saved = await this.write(user, year, 'reset', DEFAULT_BANDS, async (scale, manager) => {
      // Another reset may have run while this one waited for the lock.
      if (!scale.custom) return { unchanged: true };
      await this.semaphore.replaceBands(manager, user.tenant, year, []);
      scale.custom = false;
      scale.decimals = DEFAULT_DECIMALS;
    });
    return view(year, saved, null);
  }

  /** Locks (or creates) the year's scale and applies the change; the writer publishes the bands in force and audits them. */
  private write(
    user: TequioClaims,
    year: number,
    action: string,
    bands: readonly SemaphoreBand[],
    change: (scale: SemaphoreScale, manager: EntityManager) => Promise<void | { unchanged: true }>,
  ): Promise<SemaphoreScale> {
    const semaphoreId = `${user.tenant}:${year}`;
    return this.writer.update({
      tenant: user.tenant,
      actor: user.sub,
      entityType: 'semaphore',
      action,
      event: SemaphoreChanged,
      entity: SemaphoreScale,
      lock: (manager) => this.semaphore.lockScale(manager, user.tenant, year),
      // Never thrown: the lock creates the missing year.
      notFound: () => new NotFoundException(`year: no existe el semáforo ${year}`),
      change,
      subject: () => semaphoreId,
      entityId: () => String(year),
      snapshot: (scale) => ({
        semaphoreId,
        year,
        isDefault: !scale.custom,
        decimals: scale.decimals,
        bands: bands.map(({ color, min, max, minInclusive, maxInclusive }) => ({ color, min, max, minInclusive, maxInclusive })),
        version: scale.version,
      }),
      audited: {
        before: async (scale, manager) =>
          scale.version === 0 ? null : auditSnapshot(scale, scale.custom ? await this.semaphore.bands(scale.tenant, scale.year, manager) : DEFAULT_BANDS),
        after: (scale) => auditSnapshot(scale, bands),
      },
    });
  }
}

/** One field per band, so the audit trail shows which band changed. */
function auditSnapshot(scale: SemaphoreScale, bands: readonly SemaphoreBand[]): Record<string, unknown> {
  return {
    isDefault: !scale.custom,
    decimals: scale.decimals,
    ...Object.fromEntries(bands.map((band, i) => [`banda ${i + 1}`, `${band.color} ${bandLabel(band)}`])),
  };
}

function view(year: number, scale: SemaphoreScale | null, customBands: SemaphoreBand[] | null): SemaphoreView {
  const isDefault = customBands === null;
  const bands = customBands ?? DEFAULT_BANDS;
  return {
    year,
    isDefault,
    note: isDefault ? DEFAULT_NOTE : null,
    decimals: isDefault ? DEFAULT_DECIMALS : (scale?.decimals ?? DEFAULT_DECIMALS),
    bands: bands.map((band) => ({ ...band, colorLabel: COLOR_LABELS[band.color as SemaphoreColor], label: bandLabel(band) })),
    version: scale?.version ?? 0,
    updatedAt: scale?.updatedAt ?? null,
  };
}
