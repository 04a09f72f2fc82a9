import { Injectable } from '@nestjs/common';
import { TequioClaims } from '@tequio/auth';
import { HEARING_TOPIC_LABELS, HearingTopic } from '@tequio/contracts';
import { AuditTrail } from '@tequio/persistence';
import { definedOnly } from '@tequio/platform';
import { requireValidFormat } from '../numbering/number-format';
import { DEFAULT_SETTINGS, UpdateSettingsDto } from './settings.dto';
import { SettingsRepository } from './settings.repository';

export interface FrontDeskSettings {
  folioFormat: string;
  oficioFormat: string;
  responseBusinessDays: number;
  hearingTopics: HearingTopic[];
}

export interface SettingsView extends FrontDeskSettings {
  hearingTopicLabels: Record<string, string>;
  isDefault: boolean;
  version: number;
}

/** Per-municipality settings of the front desk: folio and oficio formats, response term, hearing topics. */
@Injectable()
export class SettingsService {
  constructor(
    private readonly settings: SettingsRepository,
    private readonly audit: AuditTrail,
  ) {}

  /** The municipality's settings, or the defaults when it stored none. */
  async current(tenant: string): Promise<FrontDeskSettings> {
    const row = await this.settings.find(tenant);
    return row ? pick(row) : { ...DEFAULT_SETTINGS };
  }

  async get(user: TequioClaims): Promise<SettingsView> {
    const row = await this.settings.find(user.tenant);
    return view(row ? pick(row) : { ...DEFAULT_SETTINGS }, row === null, row?.version ?? 0);
  }

  async update(user: TequioClaims, dto: UpdateSettingsDto): Promise<SettingsView> {
    if (dto.folioFormat !== undefined) requireValidFormat('folioFormat', dto.folioFormat);
    if (dto.oficioFormat !== undefined) requireValidFormat('oficioFormat', dto.oficioFormat);
    return this.settings.transaction(async (manager) => {
      const row = await this.settings.lock(manager, user.tenant, DEFAULT_SETTINGS);
      const before = pick(row);
      Object.assign(row, definedOnly(dto));
      if (dto.hearingTopics) row.hearingTopics = [...new Set(dto.hearingTopics)];
      row.version += 1;
      const saved = await this.settings.save(manager, row);
      await this.audit.record(manager, {
        tenant: user.tenant,
        actor: user.sub,
        entityType: 'correspondence_settings',
        entityId: user.tenant,
        action: 'updated',
        before,
        after: pick(saved),
      });
      return view(pick(saved), false, saved.version);
    });
  }
}

function pick(row: FrontDeskSettings): FrontDeskSettings {
  return {
    folioFormat: row.folioFormat,
    oficioFormat: row.oficioFormat,
    responseBusinessDays: row.responseBusinessDays,
    hearingTopics: row.hearingTopics,
  };
}

function view(settings: FrontDeskSettings, isDefault: boolean, version: number): SettingsView {
  return {
    ...settings,
    hearingTopicLabels: Object.fromEntries(settings.hearingTopics.map((topic) => [topic, HEARING_TOPIC_LABELS[topic]])),
    isDefault,
    version,
  };
}
