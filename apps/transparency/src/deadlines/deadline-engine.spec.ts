import {
  appealFilingRefusal,
  appealWindowEnd,
  businessDaysLeft,
  clarificationLapsed,
  clarificationRefusal,
  clarificationReplyRefusal,
  DEFAULT_TERMS,
  extensionRefusal,
  isOverdue,
  localDateTime,
  receiptOf,
  schedule,
  Timeline,
} from './deadline-engine';
import { MunicipalCalendar } from '@tequio/calendar';

/*
 * Exact dates worked out on a 2024 wall calendar (Mexico City has no daylight saving time since 2022: UTC-6).
 * April 2024: Monday the 1st, 8th, 15th, 22nd, 29th; May: Wednesday the 1st (Día del Trabajo), Monday the 6th, 13th, 20th, 27th.
 */
const terms = DEFAULT_TERMS.informacion;
const holidays2024: [string, string][] = [
  ['2024-03-18', 'Natalicio de Benito Juárez'],
  ['2024-03-28', 'Jueves Santo'],
  ['2024-03-29', 'Viernes Santo'],
  ['2024-05-01', 'Día del Trabajo'],
  ['2024-12-25', 'Navidad'],
  ['2025-01-01', 'Año Nuevo'],
];
const oaxaca = (holidays: [string, string][] = holidays2024, cutoff = '15:00'): MunicipalCalendar =>
  new MunicipalCalendar(
    [2024, 2025].map((year) => ({
      year,
      cutoff,
      timeZone: 'America/Mexico_City',
      holidays: holidays.filter(([date]) => date.startsWith(`${year}-`)).map(([date, name]) => ({ date, name })),
    })),
  );
const mondayMorning: Timeline = { receivedAt: '2024-04-08T10:00:00-06:00' };

describe('receipt: cut-off, weekends and holidays', () => {
  it('reads the local date and time of an instant in the municipality', () => {
    expect(localDateTime('2024-04-12T21:30:00Z', 'America/Mexico_City')).toEqual({ date: '2024-04-12', time: '15:30' });
    expect(localDateTime('2024-04-13T05:00:00Z', 'America/Mexico_City')).toEqual({ date: '2024-04-12', time: '23:00' });
  });

  it('a request received on a business day before the cut-off counts that day; day one is the next business day', () => {
    const result = schedule(mondayMorning, oaxaca(), terms);
    expect(result).toMatchObject({ receivedOn: '2024-04-08', receivedTime: '10:00', receiptDate: '2024-04-08', receiptNote: null, dayOne: '2024-04-09' });
  });

  it('answer due 20 business days later, skipping weekends and the 1 May holiday, each skipped day explained', () => {
    const result = schedule(mondayMorning, oaxaca(), terms);
    expect(result.answerDue).toBe('2024-05-07');
    expect(result.firstTermDue).toBe('2024-05-07');
    expect(result.skipped).toEqual([
      { date: '2024-04-13', kind: 'weekend', reason: 'sábado' },
      { date: '2024-04-14', kind: 'weekend', reason: 'domingo' },
      { date: '2024-04-20', kind: 'weekend', reason: 'sábado' },
      { date: '2024-04-21', kind: 'weekend', reason: 'domingo' },
      { date: '2024-04-27', kind: 'weekend', reason: 'sábado' },
      { date: '2024-04-28', kind: 'weekend', reason: 'domingo' },
      { date: '2024-05-01', kind: 'holiday', reason: 'Día del Trabajo' },
      { date: '2024-05-04', kind: 'weekend', reason: 'sábado' },
      { date: '2024-05-05', kind: 'weekend', reason: 'domingo' },
    ]);
  });

  it('without the holiday the same request is due a day earlier', () => {
    expect(schedule(mondayMorning, oaxaca([]), terms).answerDue).toBe('2024-05-06');
  });

  it('received on Friday after the cut-off counts as received on Monday (day one Tuesday)', () => {
    const result = schedule({ receivedAt: '2024-04-12T16:30:00-06:00' }, oaxaca(), terms);
    expect(result).toMatchObject({
      receivedOn: '2024-04-12',
      receiptDate: '2024-04-15',
      dayOne: '2024-04-16',
      answerDue: '2024-05-14',
      receiptNote: 'recibida a las 16:30, después de la hora de corte (15:00)',
    });
  });

  it('received on Friday a minute before the cut-off counts that Friday', () => {
    const result = schedule({ receivedAt: '2024-04-12T14:59:00-06:00' }, oaxaca(), terms);
    expect(result).toMatchObject({ receiptDate: '2024-04-12', dayOne: '2024-04-15', answerDue: '2024-05-13', receiptNote: null });
  });

  it('the cut-off is the municipality’s: with 18:00 the 16:30 receipt counts on Friday', () => {
    expect(schedule({ receivedAt: '2024-04-12T16:30:00-06:00' }, oaxaca(holidays2024, '18:00'), terms).receiptDate).toBe('2024-04-12');
  });

  it('an instant late in the evening (UTC already the next day) is judged on the local clock', () => {
    expect(receiptOf('2024-04-13T05:00:00Z', oaxaca())).toMatchObject({ receivedOn: '2024-04-12', receivedTime: '23:00', receiptDate: '2024-04-15' });
  });

  it('received on a Saturday counts as received on Monday', () => {
    const result = schedule({ receivedAt: '2024-04-13T09:00:00-06:00' }, oaxaca(), terms);
    expect(result).toMatchObject({ receiptDate: '2024-04-15', dayOne: '2024-04-16', answerDue: '2024-05-14', receiptNote: 'recibida en sábado' });
  });

  it('received on a holiday counts as received the next business day', () => {
    const result = schedule({ receivedAt: '2024-05-01T10:00:00-06:00' }, oaxaca(), terms);
    expect(result).toMatchObject({ receiptDate: '2024-05-02', dayOne: '2024-05-03', answerDue: '2024-05-30', receiptNote: 'recibida en día inhábil (Día del Trabajo)' });
  });

  it('received on a Saturday before a Monday holiday counts on Tuesday; Holy Thursday and Friday are skipped', () => {
    const result = schedule({ receivedAt: '2024-03-16T11:00:00-06:00' }, oaxaca(), terms);
    expect(result).toMatchObject({ receiptDate: '2024-03-19', dayOne: '2024-03-20', answerDue: '2024-04-18' });
    expect(result.skipped.filter((day) => day.kind === 'holiday')).toEqual([
      { date: '2024-03-28', kind: 'holiday', reason: 'Jueves Santo' },
      { date: '2024-03-29', kind: 'holiday', reason: 'Viernes Santo' },
    ]);
  });

  it('a term crossing the year end skips both years’ holidays', () => {
    expect(schedule({ receivedAt: '2024-12-20T10:00:00-06:00' }, oaxaca(), terms).answerDue).toBe('2025-01-21');
  });

  it('terms are configurable: a 15-day answer term ends on 29 April', () => {
    expect(schedule(mondayMorning, oaxaca(), { ...terms, answerDays: 15 }).answerDue).toBe('2024-04-29');
  });

  it('clarification may be requested until the 5th business day after receipt', () => {
    expect(schedule(mondayMorning, oaxaca(), terms).clarificationRequestDue).toBe('2024-04-15');
    expect(clarificationRefusal(mondayMorning, '2024-04-15', oaxaca(), terms)).toBeNull();
    expect(clarificationRefusal(mondayMorning, '2024-04-16', oaxaca(), terms)).toBe(
      'requestedOn: la prevención debe pedirse a más tardar el 2024-04-15 (5 días hábiles)',
    );
  });
});

describe('extension', () => {
  it('granted on the last day of the first term adds 10 business days', () => {
    const extended: Timeline = { ...mondayMorning, extension: { requestedOn: '2024-05-07', days: 10 } };
    expect(extensionRefusal(mondayMorning, { requestedOn: '2024-05-07', days: 10 }, oaxaca(), terms)).toBeNull();
    const result = schedule(extended, oaxaca(), terms);
    expect(result).toMatchObject({ firstTermDue: '2024-05-07', answerDue: '2024-05-21' });
  });

  it('refused once the first term has ended', () => {
    expect(extensionRefusal(mondayMorning, { requestedOn: '2024-05-08', days: 10 }, oaxaca(), terms)).toBe(
      'requestedOn: la prórroga debe notificarse antes de que venza el primer plazo (venció el 2024-05-07)',
    );
  });

  it('refused a second time, and above the configured maximum', () => {
    const extended: Timeline = { ...mondayMorning, extension: { requestedOn: '2024-04-30', days: 5 } };
    expect(extensionRefusal(extended, { requestedOn: '2024-05-02', days: 5 }, oaxaca(), terms)).toBe(
      'extension: ya se concedió una prórroga el 2024-04-30; solo se permite una',
    );
    expect(extensionRefusal(mondayMorning, { requestedOn: '2024-04-30', days: 11 }, oaxaca(), terms)).toBe('days: la prórroga es de 1 a 10 días hábiles');
  });
});

describe('clarification (prevención)', () => {
  const asked: Timeline = { ...mondayMorning, clarification: { requestedOn: '2024-04-10' } };

  it('stops the clock: no answer due date while the reply is awaited, and the reply is due 10 business days later', () => {
    expect(schedule(asked, oaxaca(), terms)).toMatchObject({ clockStopped: true, answerDue: null, firstTermDue: null, clarificationReplyDue: '2024-04-24' });
  });

  it('restarts the clock the day after the reply: the stopped business days move the due date', () => {
    const replied: Timeline = { ...mondayMorning, clarification: { requestedOn: '2024-04-10', repliedOn: '2024-04-17' } };
    const result = schedule(replied, oaxaca(), terms);
    expect(result).toMatchObject({ clockStopped: false, answerDue: '2024-05-14' });
    expect(result.skipped.filter((day) => day.kind === 'clock_stopped').map((day) => day.date)).toEqual([
      '2024-04-11',
      '2024-04-12',
      '2024-04-15',
      '2024-04-16',
      '2024-04-17',
    ]);
    expect(result.skipped.find((day) => day.date === '2024-04-13')).toEqual({ date: '2024-04-13', kind: 'weekend', reason: 'sábado' });
  });

  it('an unanswered clarification lapses the day after its term: the request counts as not filed', () => {
    const current = schedule(asked, oaxaca(), terms);
    expect(clarificationLapsed(current, '2024-04-24')).toBe(false);
    expect(clarificationLapsed(current, '2024-04-25')).toBe(true);
    expect(clarificationReplyRefusal(asked, '2024-04-25', oaxaca(), terms)).toBe(
      'repliedOn: el plazo para responder la prevención venció el 2024-04-24; la solicitud se tiene por no presentada',
    );
    expect(clarificationReplyRefusal(asked, '2024-04-24', oaxaca(), terms)).toBeNull();
  });

  it('only one clarification, and no extension while the clock is stopped', () => {
    expect(clarificationRefusal(asked, '2024-04-11', oaxaca(), terms)).toBe('clarification: ya se pidió una prevención el 2024-04-10; solo se permite una');
    expect(extensionRefusal(asked, { requestedOn: '2024-04-11', days: 5 }, oaxaca(), terms)).toBe(
      'requestedOn: el plazo está suspendido por una prevención sin respuesta',
    );
  });
});

describe('calendar changes while requests are open', () => {
  it('a holiday added moves the due date one business day; another moves it again', () => {
    const noHolidays = oaxaca([]);
    expect(schedule(mondayMorning, noHolidays, terms).answerDue).toBe('2024-05-06');
    const withCabildoDay = oaxaca([['2024-04-22', 'Día inhábil por acuerdo de Cabildo']]);
    const moved = schedule(mondayMorning, withCabildoDay, terms);
    expect(moved.answerDue).toBe('2024-05-07');
    expect(moved.skipped).toContainEqual({ date: '2024-04-22', kind: 'holiday', reason: 'Día inhábil por acuerdo de Cabildo' });
    expect(schedule(mondayMorning, oaxaca([['2024-04-22', 'Cabildo'], ['2024-05-01', 'Día del Trabajo']]), terms).answerDue).toBe('2024-05-08');
  });

  it('a holiday added on the receipt day moves the receipt itself', () => {
    expect(schedule(mondayMorning, oaxaca([['2024-04-08', 'Suspensión de labores']]), terms)).toMatchObject({
      receiptDate: '2024-04-09',
      dayOne: '2024-04-10',
    });
  });
});

describe('overdue, due soon and the appeal window', () => {
  const current = schedule(mondayMorning, oaxaca(), terms);

  it('overdue only after the due day', () => {
    expect(isOverdue(current, '2024-05-07')).toBe(false);
    expect(isOverdue(current, '2024-05-08')).toBe(true);
  });

  it('counts the business days left', () => {
    expect(businessDaysLeft(current, '2024-05-02', oaxaca())).toBe(3);
    expect(businessDaysLeft(current, '2024-04-30', oaxaca())).toBe(4);
    expect(businessDaysLeft(current, '2024-05-07', oaxaca())).toBe(0);
  });

  it('an appeal may be filed within 15 business days of the answer, or of the missed deadline', () => {
    expect(appealWindowEnd('2024-05-07', current, oaxaca(), terms)).toBe('2024-05-28');
    expect(appealWindowEnd(null, current, oaxaca(), terms)).toBe('2024-05-28');
    expect(appealWindowEnd('2024-04-30', current, oaxaca(), terms)).toBe('2024-05-22');
  });

  it('an appeal filed after its window is refused naming the field and the last allowed day', () => {
    expect(appealFilingRefusal('2024-05-28', '2024-05-07', current, oaxaca(), terms)).toBeNull();
    expect(appealFilingRefusal('2024-05-29', '2024-05-07', current, oaxaca(), terms)).toBe(
      'filedOn: el recurso se interpuso fuera de plazo; el último día para interponerlo fue el 2024-05-28 (15 días hábiles desde la respuesta del 2024-05-07)',
    );
    expect(appealFilingRefusal('2024-05-22', '2024-04-30', current, oaxaca(), terms)).toBeNull();
    expect(appealFilingRefusal('2024-05-23', '2024-04-30', current, oaxaca(), terms)).toMatch(/^filedOn: .*fue el 2024-05-22 /);
    expect(appealFilingRefusal('2024-05-29', null, current, oaxaca(), terms)).toBe(
      'filedOn: el recurso se interpuso fuera de plazo; el último día para interponerlo fue el 2024-05-28 (15 días hábiles desde el vencimiento del plazo de respuesta (2024-05-07))',
    );
  });

  it('ARCO requests have their own terms', () => {
    expect(schedule(mondayMorning, oaxaca(), DEFAULT_TERMS.arco).answerDue).toBe('2024-05-07');
    expect(schedule(mondayMorning, oaxaca(), { ...DEFAULT_TERMS.arco, answerDays: 10 }).answerDue).toBe('2024-04-22');
  });
});
