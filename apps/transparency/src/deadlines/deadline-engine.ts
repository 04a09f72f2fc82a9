import { dayNumber as parseDay, fromDayNumber as formatDay, isWeekend, MunicipalCalendar, yearOf } from '@tequio/calendar';

/*
 * Legal deadlines in business days (Ley General de Transparencia and the data-protection law, defaults in
 * DEFAULT_TERMS): pure functions of a request's timeline, the municipality's calendar and its terms. Dates are
 * AAAA-MM-DD days of the municipality's calendar; only the receipt is an instant (its hour decides the cut-off).
 * The calendar (holidays, cut-off and time zone per year) is `@tequio/calendar`'s, from the service's replica.
 */

/** Terms in business days; every one configurable per municipality. */
export interface Terms {
  answerDays: number;
  /** One extension of up to this many days, requested before the first term ends. */
  extensionDays: number;
  /** The unit may ask the requester to clarify within this many days of receipt. */
  clarificationRequestDays: number;
  /** The requester has this many days to reply; no reply closes the request as not filed. */
  clarificationReplyDays: number;
  /** A review appeal may be filed within this many days of the answer or of the missed deadline. */
  appealDays: number;
}

export type RequestKind = 'informacion' | 'arco';

export const DEFAULT_TERMS: Record<RequestKind, Terms> = {
  informacion: { answerDays: 20, extensionDays: 10, clarificationRequestDays: 5, clarificationReplyDays: 10, appealDays: 15 },
  arco: { answerDays: 20, extensionDays: 10, clarificationRequestDays: 5, clarificationReplyDays: 10, appealDays: 15 },
};

export interface Timeline {
  /** Instant of receipt (ISO 8601 with offset). */
  receivedAt: string;
  clarification?: { requestedOn: string; repliedOn?: string | null } | null;
  extension?: { requestedOn: string; days: number } | null;
}

export type SkipKind = 'weekend' | 'holiday' | 'clock_stopped';

export interface SkippedDay {
  date: string;
  kind: SkipKind;
  /** Spanish: "sábado", the holiday's name, or why the clock was stopped. */
  reason: string;
}

export interface Schedule {
  /** Local date and time of receipt in the municipality. */
  receivedOn: string;
  receivedTime: string;
  /** The day the request counts as received; day one of every term is the business day after it. */
  receiptDate: string;
  /** Why the receipt moved to a later day; null when it did not. */
  receiptNote: string | null;
  dayOne: string;
  clarificationRequestDue: string;
  /** Last day for the requester to reply to a clarification request; null without one. */
  clarificationReplyDue: string | null;
  /** True while a clarification awaits the reply: the answer term is suspended and has no due date. */
  clockStopped: boolean;
  /** End of the first term (without extension); null while the clock is stopped. */
  firstTermDue: string | null;
  /** End of the term that applies (with the extension, if granted); null while the clock is stopped. */
  answerDue: string | null;
  /** Non-working and suspended days between receipt and the answer due date, and why each was skipped (empty unless explained). */
  skipped: SkippedDay[];
}

const CLOCK_STOPPED = 'plazo suspendido: prevención en espera de respuesta';

/*
 * Recomputing the due dates of every open request after a calendar change runs these functions 100k times:
 * the conversions between AAAA-MM-DD and day numbers are memoised (a few thousand distinct days in practice).
 */
const dayNumbers = new Map<string, number>();
const dayStrings = new Map<number, string>();

function dayNumber(date: string): number {
  let day = dayNumbers.get(date);
  if (day === undefined) {
    day = parseDay(date);
    if (dayNumbers.size < 100_000) dayNumbers.set(date, day);
  }
  return day;
}

function fromDayNumber(day: number): string {
  let date = dayStrings.get(day);
  if (date === undefined) {
    date = formatDay(day);
    if (dayStrings.size < 100_000) dayStrings.set(day, date);
  }
  return date;
}

const localFormatters = new Map<string, Intl.DateTimeFormat>();
/** UTC offset (ms) of a time zone per hour since the epoch: zones change offset only on hour boundaries. */
const offsets = new Map<string, number>();

function offsetAt(hour: number, timeZone: string): number {
  const key = `${timeZone}|${hour}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    let formatter = localFormatters.get(timeZone);
    if (!formatter) {
      formatter = new Intl.DateTimeFormat('en-CA', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      });
      localFormatters.set(timeZone, formatter);
    }
    const parts: Record<string, string> = {};
    for (const part of formatter.formatToParts(new Date(hour * 3_600_000))) parts[part.type] = part.value;
    offset = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute)) - hour * 3_600_000;
    offsets.set(key, offset);
  }
  return offset;
}

/** Local AAAA-MM-DD and HH:MM of an instant in a time zone. */
export function localDateTime(instant: string, timeZone: string): { date: string; time: string } {
  const ms = Date.parse(instant);
  const local = new Date(ms + offsetAt(Math.floor(ms / 3_600_000), timeZone)).toISOString();
  return { date: local.slice(0, 10), time: local.slice(11, 16) };
}

function nonWorkingReason(date: string, calendar: MunicipalCalendar): SkippedDay | null {
  const reason = calendar.whyNotBusinessDay(date);
  return reason === null ? null : { date, kind: isWeekend(date) ? 'weekend' : 'holiday', reason };
}

/** The first business day after `date`. */
export function nextBusinessDay(date: string, calendar: MunicipalCalendar): string {
  let day = dayNumber(date) + 1;
  while (!calendar.isBusinessDayNumber(day)) day += 1;
  return fromDayNumber(day);
}

/**
 * The day `days` business days after `from` (day one is the first business day after it), also skipping the days
 * `stopped` says the clock was stopped (day numbers); `skipped` collects every day passed over and why.
 */
export function countBusinessDays(
  from: string,
  days: number,
  calendar: MunicipalCalendar,
  stopped?: (day: number) => boolean,
  skipped?: SkippedDay[],
): string {
  let day = dayNumber(from);
  for (let counted = 0; counted < days; ) {
    day += 1;
    if (!calendar.isBusinessDayNumber(day)) {
      if (skipped) skipped.push(nonWorkingReason(fromDayNumber(day), calendar) as SkippedDay);
    } else if (stopped?.(day)) {
      skipped?.push({ date: fromDayNumber(day), kind: 'clock_stopped', reason: CLOCK_STOPPED });
    } else {
      counted += 1;
    }
  }
  return fromDayNumber(day);
}

/** Business days strictly after `from` up to and including `to` (0 when `to` is not after `from`). */
export function businessDaysBetween(from: string, to: string, calendar: MunicipalCalendar): number {
  let count = 0;
  for (let day = dayNumber(from) + 1, last = dayNumber(to); day <= last; day++) {
    if (calendar.isBusinessDayNumber(day)) count += 1;
  }
  return count;
}

/** The day a request counts as received: after the cut-off, on a weekend or a holiday, the next business day. */
export function receiptOf(receivedAt: string, calendar: MunicipalCalendar): Pick<Schedule, 'receivedOn' | 'receivedTime' | 'receiptDate' | 'receiptNote'> {
  const local = localDateTime(receivedAt, calendar.settingsOf(Number(receivedAt.slice(0, 4))).timeZone);
  const { cutoff } = calendar.settingsOf(yearOf(local.date));
  const nonWorking = calendar.isBusinessDayNumber(dayNumber(local.date)) ? null : nonWorkingReason(local.date, calendar);
  let note: string | null = null;
  if (nonWorking) note = nonWorking.kind === 'weekend' ? `recibida en ${nonWorking.reason}` : `recibida en día inhábil (${nonWorking.reason})`;
  else if (local.time > cutoff) note = `recibida a las ${local.time}, después de la hora de corte (${cutoff})`;
  return {
    receivedOn: local.date,
    receivedTime: local.time,
    receiptDate: note === null ? local.date : nextBusinessDay(local.date, calendar),
    receiptNote: note,
  };
}

/** Every due date of a request; with `explain` (the default), every skipped day too. */
export function schedule(timeline: Timeline, calendar: MunicipalCalendar, terms: Terms, options: { explain: boolean } = { explain: true }): Schedule {
  const receipt = receiptOf(timeline.receivedAt, calendar);
  const clarification = timeline.clarification ?? null;
  const clarificationReplyDue = clarification ? countBusinessDays(clarification.requestedOn, terms.clarificationReplyDays, calendar) : null;
  const clockStopped = clarification !== null && !clarification.repliedOn;
  const base = {
    ...receipt,
    dayOne: nextBusinessDay(receipt.receiptDate, calendar),
    clarificationRequestDue: countBusinessDays(receipt.receiptDate, terms.clarificationRequestDays, calendar),
    clarificationReplyDue,
    clockStopped,
  };
  if (clockStopped) return { ...base, firstTermDue: null, answerDue: null, skipped: [] };
  // The clock stops the day after the clarification was requested and restarts the day after the reply.
  const stopFrom = clarification?.repliedOn ? dayNumber(clarification.requestedOn) : 0;
  const stopTo = clarification?.repliedOn ? dayNumber(clarification.repliedOn) : 0;
  const stopped = clarification?.repliedOn ? (day: number) => day > stopFrom && day <= stopTo : undefined;
  const skipped: SkippedDay[] | undefined = options.explain ? [] : undefined;
  const firstTermDue = countBusinessDays(receipt.receiptDate, terms.answerDays, calendar, stopped, skipped);
  const answerDue = timeline.extension ? countBusinessDays(firstTermDue, timeline.extension.days, calendar, stopped, skipped) : firstTermDue;
  return { ...base, firstTermDue, answerDue, skipped: skipped ?? [] };
}

/** Why an extension cannot be granted (Spanish, field first), or null when it can. */
export function extensionRefusal(timeline: Timeline, requested: { requestedOn: string; days: number }, calendar: MunicipalCalendar, terms: Terms): string | null {
  if (timeline.extension) return `extension: ya se concedió una prórroga el ${timeline.extension.requestedOn}; solo se permite una`;
  if (!Number.isInteger(requested.days) || requested.days < 1 || requested.days > terms.extensionDays) {
    return `days: la prórroga es de 1 a ${terms.extensionDays} días hábiles`;
  }
  const current = schedule(timeline, calendar, terms);
  if (current.clockStopped) return 'requestedOn: el plazo está suspendido por una prevención sin respuesta';
  if (requested.requestedOn < current.receiptDate) return `requestedOn: la prórroga no puede ser anterior a la recepción (${current.receiptDate})`;
  if (requested.requestedOn > (current.firstTermDue as string)) {
    return `requestedOn: la prórroga debe notificarse antes de que venza el primer plazo (venció el ${current.firstTermDue})`;
  }
  return null;
}

/** Why a clarification request cannot be made on that day, or null. */
export function clarificationRefusal(timeline: Timeline, requestedOn: string, calendar: MunicipalCalendar, terms: Terms): string | null {
  if (timeline.clarification) return `clarification: ya se pidió una prevención el ${timeline.clarification.requestedOn}; solo se permite una`;
  const current = schedule(timeline, calendar, terms);
  if (requestedOn < current.receiptDate) return `requestedOn: la prevención no puede ser anterior a la recepción (${current.receiptDate})`;
  if (requestedOn > current.clarificationRequestDue) {
    return `requestedOn: la prevención debe pedirse a más tardar el ${current.clarificationRequestDue} (${terms.clarificationRequestDays} días hábiles)`;
  }
  return null;
}

/** Why a reply to the clarification cannot be recorded on that day, or null. */
export function clarificationReplyRefusal(timeline: Timeline, repliedOn: string, calendar: MunicipalCalendar, terms: Terms): string | null {
  const clarification = timeline.clarification;
  if (!clarification) return 'repliedOn: la solicitud no tiene una prevención pendiente';
  if (clarification.repliedOn) return `repliedOn: la prevención ya se respondió el ${clarification.repliedOn}`;
  if (repliedOn < clarification.requestedOn) return `repliedOn: la respuesta no puede ser anterior a la prevención (${clarification.requestedOn})`;
  const due = countBusinessDays(clarification.requestedOn, terms.clarificationReplyDays, calendar);
  if (repliedOn > due) return `repliedOn: el plazo para responder la prevención venció el ${due}; la solicitud se tiene por no presentada`;
  return null;
}

/** True when the clarification went unanswered past its term: the request is closed as not filed. */
export function clarificationLapsed(current: Schedule, today: string): boolean {
  return current.clockStopped && current.clarificationReplyDue !== null && today > current.clarificationReplyDue;
}

export function isOverdue(current: Schedule, today: string): boolean {
  return current.answerDue !== null && today > current.answerDue;
}

/** Business days left until the answer is due (0 on the due day); null while the clock is stopped. */
export function businessDaysLeft(current: Schedule, today: string, calendar: MunicipalCalendar): number | null {
  if (current.answerDue === null) return null;
  if (today >= current.answerDue) return 0;
  return businessDaysBetween(today, current.answerDue, calendar);
}

/** Last day to file a review appeal: `appealDays` business days after the answer, or after the missed deadline. */
export function appealWindowEnd(answeredOn: string | null, current: Schedule, calendar: MunicipalCalendar, terms: Terms): string | null {
  const from = answeredOn ?? current.answerDue;
  return from === null ? null : countBusinessDays(from, terms.appealDays, calendar);
}

/** Why a review appeal filed that day is out of time (Spanish, field first, with the last allowed day), or null. */
export function appealFilingRefusal(filedOn: string, answeredOn: string | null, current: Schedule, calendar: MunicipalCalendar, terms: Terms): string | null {
  const end = appealWindowEnd(answeredOn, current, calendar, terms);
  if (end === null || filedOn <= end) return null;
  const from = answeredOn ? `la respuesta del ${answeredOn}` : `el vencimiento del plazo de respuesta (${current.answerDue})`;
  return `filedOn: el recurso se interpuso fuera de plazo; el último día para interponerlo fue el ${end} (${terms.appealDays} días hábiles desde ${from})`;
}
