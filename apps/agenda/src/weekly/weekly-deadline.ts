import { addDays, IsoWeek, isoWeekMonday, municipalInstant } from '../common/municipal-time';

export interface DeadlineRule {
  deadlineWeekday: number;
  deadlineTime: string;
  deadlineWeekOffset: number;
}

/** The instant a week's agenda is due: the configured weekday and hour, in the week before (offset -1) or the same week. */
export function weeklyDeadline(week: IsoWeek, rule: DeadlineRule, timeZone?: string): Date {
  const day = addDays(isoWeekMonday(week), 7 * rule.deadlineWeekOffset + (rule.deadlineWeekday - 1));
  return municipalInstant(day, rule.deadlineTime, timeZone);
}
