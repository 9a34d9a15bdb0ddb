import { expect, test } from 'vitest';
import { groupDaysByMonth } from './archive.ts';

test('groups newest-first days by month without reordering', () => {
  const days = ['2026-08-02', '2026-07-31', '2026-07-30', '2025-07-30'].map((day) => ({ day, papers: [] }));
  expect(groupDaysByMonth(days).map((month) => [month.label, month.days.map((day) => day.day)])).toEqual([
    ['August 2026', ['2026-08-02']],
    ['July 2026', ['2026-07-31', '2026-07-30']],
    ['July 2025', ['2025-07-30']],
  ]);
});
