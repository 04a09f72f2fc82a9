import ICAL from 'ical.js';
import { activityCalendar, CalendarActivity, foldLines } from './activity-calendar';

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
    const other = { ...activity, id: '6c2e8d3f-5a4b-4f9c-8d7e-3b2c4d5e6f70', status: 'confirmada' as const, visibility: 'privada' as const };
    const parsed = new ICAL.Component(ICAL.parse(activityCalendar('Agenda pública', [activity, other])));
    expect(parsed.getFirstPropertyValue('prodid')).toBe('-//Tequio//Agenda//ES');
    const [event, second] = parsed.getAllSubcomponents('vevent');
    expect([second.getFirstPropertyValue('status'), second.getFirstPropertyValue('class')]).toEqual(['CONFIRMED', 'PRIVATE']);
    expect(event.getFirstPropertyValue('uid')).toBe(`${activity.id}@agenda.tequio`);
    expect(event.getFirstPropertyValue('sequence')).toBe(2);
    expect(event.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(event.getFirstPropertyValue('summary')).toBe(activity.title);
    expect((event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString()).toBe('2025-07-14T16:00:00.000Z');
  });
});

describe('foldLines', () => {
  const octets = (line: string) => Buffer.byteLength(line, 'utf8');

  it('folds long lines at 75 octets without splitting a character, and unfolds to the original', () => {
    const line = `SUMMARY:${'Diálogo vecinal en la colonia Reforma 🌧 '.repeat(6)}`;
    const folded = foldLines(`BEGIN:VEVENT\r\n${line}\r\nEND:VEVENT\r\n`);
    const physical = folded.split('\r\n');
    for (const part of physical) expect(octets(part)).toBeLessThanOrEqual(75);
    expect(physical.slice(1, -2).every((part, i) => i === 0 || part.startsWith(' '))).toBe(true);
    expect(folded.replace(/\r\n /g, '')).toBe(`BEGIN:VEVENT\r\n${line}\r\nEND:VEVENT\r\n`);
    expect(folded).not.toContain('\ufffd');
  });

  it('leaves short lines alone', () => {
    expect(foldLines('UID:abc\r\nSEQUENCE:2\r\n')).toBe('UID:abc\r\nSEQUENCE:2\r\n');
  });
});
