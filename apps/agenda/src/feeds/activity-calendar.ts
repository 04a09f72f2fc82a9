import { ACTIVITY_STATUS_LABELS, ActivityStatus } from '@tequio/contracts';
import ical, { ICalEventClass, ICalEventStatus } from 'ical-generator';

export interface CalendarActivity {
  id: string;
  title: string;
  categoryLabel: string;
  place: string | null;
  startsAt: Date;
  endsAt: Date;
  status: ActivityStatus;
  visibility: 'publica' | 'privada';
  version: number;
  updatedAt: Date;
}

const STATUS: Record<ActivityStatus, ICalEventStatus> = {
  programada: ICalEventStatus.TENTATIVE,
  reprogramada: ICalEventStatus.TENTATIVE,
  confirmada: ICalEventStatus.CONFIRMED,
  realizada: ICalEventStatus.CONFIRMED,
  cancelada: ICalEventStatus.CANCELLED,
};

/**
 * An RFC 5545 calendar of activities. UIDs are the activity ids (stable across changes) and SEQUENCE grows with the
 * activity's version, so subscribed clients replace an event instead of duplicating it; a cancelled activity stays
 * in the feed as STATUS:CANCELLED so clients remove it from their view.
 */
export function activityCalendar(name: string, activities: readonly CalendarActivity[]): string {
  const calendar = ical({ name, prodId: { company: 'Tequio', product: 'Agenda', language: 'ES' }, ttl: 15 * 60 });
  const events = activities.map((activity) =>
    calendar
      .createEvent({
        id: `${activity.id}@agenda.tequio`,
        sequence: activity.version - 1,
        stamp: activity.updatedAt,
        lastModified: activity.updatedAt,
        start: activity.startsAt,
        end: activity.endsAt,
        summary: activity.title,
        location: activity.place,
        description: `${activity.categoryLabel} · ${ACTIVITY_STATUS_LABELS[activity.status]}`,
        categories: [{ name: activity.categoryLabel }],
        status: STATUS[activity.status],
        class: activity.visibility === 'publica' ? ICalEventClass.PUBLIC : ICalEventClass.PRIVATE,
      })
      .toString(),
  );
  // The library formats each event; folding is ours: its own folder encodes the output one character at a time,
  // which takes seconds for a year of activities.
  calendar.clear();
  const [head, tail] = splitAtEnd(calendar.toString());
  return head + events.map(foldLines).join('') + tail;
}

/** The empty calendar's text, split before END:VCALENDAR so the events can go in between. */
function splitAtEnd(empty: string): [string, string] {
  const at = empty.lastIndexOf('END:VCALENDAR');
  return [empty.slice(0, at), empty.slice(at)];
}

/** UTF-8 size of one UTF-16 code unit (a surrogate pair counts 4 bytes, 2 per half). */
function utf8Size(code: number): number {
  if (code < 0x80) return 1;
  if (code < 0x800) return 2;
  if (code >= 0xd800 && code <= 0xdfff) return 2;
  return 3;
}

function isAscii(line: string): boolean {
  for (let i = 0; i < line.length; i++) if (line.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** RFC 5545 §3.1: lines longer than 75 octets continue on the next line after CRLF and a space, never inside a character. */
export function foldLines(text: string): string {
  return text
    .split('\r\n')
    .map((line) => {
      if (line.length <= 75 && isAscii(line)) return line;
      let folded = '';
      let size = 0;
      for (let i = 0; i < line.length; i++) {
        const code = line.charCodeAt(i);
        const isPair = code >= 0xd800 && code <= 0xdbff && i + 1 < line.length;
        const width = isPair ? 4 : utf8Size(code);
        if (size + width > 75) {
          folded += '\r\n ';
          size = 1;
        }
        folded += isPair ? line.slice(i, ++i + 1) : line[i];
        size += width;
      }
      return folded;
    })
    .join('\r\n');
}
