import { DEFAULT_MUNICIPAL_TIME_ZONE, findMetricMapping } from '@tequio/contracts';
import { AppliedProbe, appliedByInbox, describePoisonDrill } from '@tequio/testing';
import { reportingService } from '../src/reporting.definition';

/**
 * Reporting applies catalog events through its inbox, and producers' events as versions of records (ADR 0005): a
 * mapped event was applied when its record's stored version is at least the event's.
 */
const appliedByInboxOrRecordVersion: AppliedProbe = async (database, schema, sent) => {
  const applied = await appliedByInbox(database, schema, sent);
  for (const event of sent) {
    const mapping = findMetricMapping(event.type);
    if (!mapping) continue;
    const { recordKey, version } = mapping.observe(mapping.event.data.parse(event.data), { timeZone: DEFAULT_MUNICIPAL_TIME_ZONE });
    const rows = await database.query(`SELECT 1 FROM ${schema}.fact_record WHERE tenant = $1 AND record_key = $2 AND version >= $3`, [event.tenant, recordKey, version]);
    if (rows.length > 0) applied.add(event.id);
  }
  return applied;
};

describePoisonDrill(reportingService, appliedByInboxOrRecordVersion);
