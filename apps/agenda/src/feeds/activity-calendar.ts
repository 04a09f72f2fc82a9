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
  for (const activity of activities) {
    calendar.createEvent({
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
    });
  }
  return calendar.toString();
}
