import { Injectable } from '@nestjs/common';
import { TequioClaims } from '@tequio/auth';
import {
  DEFAULT_MUNICIPAL_TIME_ZONE,
  DOCUMENT_CHANNEL_LABELS,
  DOCUMENT_STATUS_LABELS,
  DOCUMENT_TYPE_LABELS,
  HEARING_OUTCOME_LABELS,
  HEARING_TOPIC_LABELS,
  REQUESTER_CATEGORY_LABELS,
} from '@tequio/contracts';
import { DocumentsRepository } from '../documents/documents.repository';
import { StatisticsQueryDto } from './statistics.dto';
import { KeyCount, StatisticsFilter, StatisticsRepository } from './statistics.repository';

const labelled = (rows: KeyCount[], labels: Record<string, string>) => rows.map((row) => ({ key: row.key, label: labels[row.key] ?? row.key, count: row.count }));

/** The breakdowns the quarterly narrative reports, for any period and unit. */
@Injectable()
export class StatisticsService {
  constructor(
    private readonly statistics: StatisticsRepository,
    private readonly documentStore: DocumentsRepository,
  ) {}

  async documents(user: TequioClaims, query: StatisticsQueryDto) {
    const filter = this.filter(user, query);
    const [totals, byMonth, byType, byChannel, byStatus, receivers] = await Promise.all([
      this.statistics.documentTotals(filter),
      this.statistics.documentsByMonth(filter),
      this.statistics.documentsBy(filter, 'type'),
      this.statistics.documentsBy(filter, 'channel'),
      this.statistics.documentsBy(filter, 'status'),
      this.statistics.topReceivers(filter),
    ]);
    const names = await this.documentStore.unitNames(user.tenant, receivers.map((row) => row.unitCode));
    const { answeredRequiringResponse, ...counts } = totals;
    return {
      period: { from: query.from, to: query.to, unitCode: query.unitCode ?? null },
      ...counts,
      // Over the documents that require an answer: designations of representation need none.
      answerRate: totals.requiringResponse === 0 ? null : Math.round((answeredRequiringResponse / totals.requiringResponse) * 10_000) / 10_000,
      byMonth,
      byType: labelled(byType, DOCUMENT_TYPE_LABELS),
      byChannel: labelled(byChannel, DOCUMENT_CHANNEL_LABELS),
      byStatus: labelled(byStatus, DOCUMENT_STATUS_LABELS),
      topReceivers: receivers.map((row) => ({ unitCode: row.unitCode, unitName: names.get(row.unitCode) ?? null, count: row.count })),
    };
  }

  async hearings(user: TequioClaims, query: StatisticsQueryDto) {
    const filter = this.filter(user, query);
    const [totals, byOutcome, byTopic, byCategory] = await Promise.all([
      this.statistics.hearingTotals(filter),
      this.statistics.hearingsBy(filter, 'outcome'),
      this.statistics.hearingsBy(filter, 'topic'),
      this.statistics.hearingsBy(filter, 'requester_category'),
    ]);
    return {
      period: { from: query.from, to: query.to, unitCode: query.unitCode ?? null },
      ...totals,
      byOutcome: labelled(byOutcome, HEARING_OUTCOME_LABELS),
      byTopic: labelled(byTopic, HEARING_TOPIC_LABELS),
      byRequesterCategory: labelled(byCategory, REQUESTER_CATEGORY_LABELS),
    };
  }

  private filter(user: TequioClaims, query: StatisticsQueryDto): StatisticsFilter {
    return { tenant: user.tenant, from: query.from, to: query.to, unitCode: query.unitCode, timeZone: DEFAULT_MUNICIPAL_TIME_ZONE };
  }
}
