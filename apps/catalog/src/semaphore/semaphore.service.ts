import { Injectable } from '@nestjs/common';
import { TequioClaims } from '@tequio/auth';
import { SemaphoreChanged, SemaphoreColor } from '@tequio/contracts';
import { AuditTrail } from '@tequio/persistence';
import { OutboxService } from '@tequio/messaging';
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
    private readonly outbox: OutboxService,
    private readonly audit: AuditTrail,
  ) {}

  async get(user: TequioClaims, year: number): Promise<SemaphoreView> {
    const scale = await this.semaphore.findScale(user.tenant, year);
    return view(year, scale, scale?.custom ? await this.semaphore.bands(user.tenant, year) : null);
  }

  /** Replaces the year's bands (already validated by the DTO: 0 to infinity, no gaps, no overlaps). */
  async replace(user: TequioClaims, year: number, dto: ReplaceSemaphoreDto): Promise<SemaphoreView> {
    return this.semaphore.transaction(async (manager) => {
      const scale = await this.semaphore.lockScale(manager, user.tenant, year);
      const before = await this.snapshotOf(manager, scale);
      await this.semaphore.replaceBands(manager, user.tenant, year, dto.bands);
      scale.custom = true;
      if (dto.decimals !== undefined) scale.decimals = dto.decimals;
      return this.commit(manager, user, scale, dto.bands, before, 'replaced');
    });
  }

  /** Back to the defaults (bands and decimals). Nothing is written when the defaults already apply. */
  async reset(user: TequioClaims, year: number): Promise<SemaphoreView> {
    return this.semaphore.transaction(async (manager) => {
      const existing = await this.semaphore.findScale(user.tenant, year, manager);
      if (!existing?.custom) return view(year, existing, null);
      const scale = await this.semaphore.lockScale(manager, user.tenant, year);
      if (!scale.custom) return view(year, scale, null);
      const before = await this.snapshotOf(manager, scale);
      await this.semaphore.replaceBands(manager, user.tenant, year, []);
      scale.custom = false;
      scale.decimals = DEFAULT_DECIMALS;
      return this.commit(manager, user, scale, DEFAULT_BANDS, before, 'reset');
    });
  }

  private async commit(
    manager: EntityManager,
    user: TequioClaims,
    scale: SemaphoreScale,
    bands: readonly SemaphoreBand[],
    before: Record<string, unknown> | null,
    action: string,
  ): Promise<SemaphoreView> {
    scale.version += 1;
    const saved = await this.semaphore.saveScale(manager, scale);
    const semaphoreId = `${user.tenant}:${saved.year}`;
    await this.outbox.publish(manager, SemaphoreChanged, {
      subject: semaphoreId,
      tenant: user.tenant,
      data: {
        semaphoreId,
        year: saved.year,
        isDefault: !saved.custom,
        decimals: saved.decimals,
        bands: bands.map(({ color, min, max, minInclusive, maxInclusive }) => ({ color, min, max, minInclusive, maxInclusive })),
        version: saved.version,
      },
    });
    await this.audit.record(manager, {
      tenant: user.tenant,
      actor: user.sub,
      entityType: 'semaphore',
      entityId: String(saved.year),
      action,
      before,
      after: auditSnapshot(saved, bands),
    });
    return view(saved.year, saved, saved.custom ? [...bands] : null);
  }

  private async snapshotOf(manager: EntityManager, scale: SemaphoreScale): Promise<Record<string, unknown> | null> {
    if (scale.version === 0) return null;
    return auditSnapshot(scale, scale.custom ? await this.semaphore.bands(scale.tenant, scale.year, manager) : DEFAULT_BANDS);
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
