import { ConflictException, Injectable } from '@nestjs/common';
import { TequioClaims } from '@tequio/auth';
import { IndicatorTargetsChanged, QUARTERS, QuarterTargets } from '@tequio/contracts';
import { VersionedWriter } from '@tequio/platform';
import { lockedQuarterReason, QuarterLocksService } from '../quarter-locks/quarter-locks.service';
import { PutTargetsDto } from './indicator.dto';
import { fieldMessages, singleError } from './indicator-errors';
import { setTargets, targetsOf } from './indicator-fields';
import { IndicatorLock } from './indicator-lock';
import { crossFieldIssues } from './indicator-rules';
import { IndicatorView, IndicatorViews } from './indicator-views';
import { IndicatorsRepository } from './indicators.repository';

/** An indicator's quarterly targets: a quarter closed by an approved report keeps its target. */
@Injectable()
export class IndicatorTargetsService {
  constructor(
    private readonly indicators: IndicatorsRepository,
    private readonly views: IndicatorViews,
    private readonly lock: IndicatorLock,
    private readonly locks: QuarterLocksService,
    private readonly writer: VersionedWriter,
  ) {}

  /** PUT /indicators/:id/targets: a changed quarter must not be closed by an approved report. */
  async putTargets(user: TequioClaims, id: string, dto: PutTargetsDto): Promise<IndicatorView> {
    const next: QuarterTargets = { q1: dto.q1, q2: dto.q2, q3: dto.q3, q4: dto.q4 };
    return this.indicators.transaction(async (manager) => {
      const state = {} as { previous: QuarterTargets };
      const saved = await this.writer.update({
        ...this.lock.locate(user, id, manager),
        action: 'targets-changed',
        reason: dto.reason,
        event: IndicatorTargetsChanged,
        change: async (indicator) => {
          state.previous = targetsOf(indicator);
          const changed = QUARTERS.filter((quarter) => state.previous[quarter] !== next[quarter]);
          if (changed.length === 0) return { unchanged: true };
          const invalid = crossFieldIssues({ ...indicator, targets: next }).filter((issue) => issue.field === 'targets');
          if (invalid.length > 0) throw singleError(invalid.map((issue) => ({ ...issue, row: 0, conflict: false })));
          const locked = await this.locks.lockedQuarters(manager, user.tenant, indicator.programId, indicator.year);
          const refused = changed.flatMap((quarter) => {
            const lock = locked.get(quarter);
            return lock ? [{ field: `targets.${quarter}`, message: lockedQuarterReason(lock) }] : [];
          });
          if (refused.length > 0) throw new ConflictException(fieldMessages(refused));
          setTargets(indicator, next);
        },
        snapshot: async (saved) => ({ ...(await this.views.definition(manager, saved)), previousTargets: state.previous }),
        audited: { before: (indicator) => ({ targets: targetsOf(indicator) }), after: () => ({ targets: next }) },
      });
      return this.views.view(manager, user.tenant, saved);
    });
  }
}
