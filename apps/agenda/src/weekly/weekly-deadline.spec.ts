import { weeklyDeadline } from './weekly-deadline';

describe('weeklyDeadline', () => {
  it('puts the default deadline of week 27 of 2025 on Sunday 29 June at 23:59, Mexico City time', () => {
    expect(weeklyDeadline({ isoYear: 2025, isoWeek: 27 }, { deadlineWeekday: 7, deadlineTime: '23:59', deadlineWeekOffset: -1 }).toISOString()).toBe('2025-06-30T05:59:00.000Z');
  });

  it('can fall within the week itself', () => {
    expect(weeklyDeadline({ isoYear: 2025, isoWeek: 27 }, { deadlineWeekday: 1, deadlineTime: '09:00', deadlineWeekOffset: 0 }).toISOString()).toBe('2025-06-30T15:00:00.000Z');
  });
});
