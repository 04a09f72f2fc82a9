import ICAL from 'ical.js';
import { activityCalendar, CalendarActivity } from './activity-calendar';

const activity: CalendarActivity = {
  id: '5b1d7c2e-4f3a-4e8b-9c6d-2a1b3c4d5e6f',
  title: 'Diálogo vecinal, colonia Reforma; con vecinas y vecinos',
  categoryLabel: 'Diálogos vecinales',
  place: 'Parque de la colonia Reforma',
  startsAt: new Date('2025-07-14T16:00:00.000Z'),
  endsAt: new Date('2025-07-14T18:00:00.000Z'),
  status: 'cancelada',
  visibility: 'publica',
  version: 3,
  updatedAt: new Date('2025-07-10T15:00:00.000Z'),
};

describe('activityCalendar', () => {
  it('writes a calendar a standard parser reads back: stable UID, SEQUENCE from the version, cancelled status, escaped text', () => {
    const parsed = new ICAL.Component(ICAL.parse(activityCalendar('Agenda pública', [activity])));
    const [event] = parsed.getAllSubcomponents('vevent');
    expect(event.getFirstPropertyValue('uid')).toBe(`${activity.id}@agenda.tequio`);
    expect(event.getFirstPropertyValue('sequence')).toBe(2);
    expect(event.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(event.getFirstPropertyValue('summary')).toBe(activity.title);
    expect((event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString()).toBe('2025-07-14T16:00:00.000Z');
  });
});
