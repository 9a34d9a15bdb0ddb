import { describe, expect, test } from 'vitest';
import {
  dayRange,
  groupByMonth,
  groupByWeek,
  isoWeek,
  RANKING_SIZE,
  rankPapers,
  weekBounds,
  weekLabel,
} from './rankings.ts';

describe('isoWeek', () => {
  // Expected weeks from the ISO 8601 calendar (weeks start on Monday; week 1 holds the year's first Thursday).
  test.each([
    ['2026-07-30', '2026-W31'],
    ['2026-01-01', '2026-W01'],
    ['2027-01-01', '2026-W53'],
    ['2024-12-30', '2025-W01'],
    ['2021-01-03', '2020-W53'],
    ['2020-12-31', '2020-W53'],
  ])('%s is in %s', (day, week) => {
    expect(isoWeek(day)).toBe(week);
  });

  test('dayRange names one day once', () => {
    expect(dayRange('2026-07-30', '2026-07-30')).toBe('30 Jul 2026');
    expect(dayRange('2026-07-27', '2026-08-02')).toBe('27 Jul 2026 – 2 Aug 2026');
  });

  test('weekLabel reads as words', () => {
    expect(weekLabel('2026-W05')).toBe('Week 5, 2026');
  });

  test('weekBounds gives the Monday and Sunday, and every day between is in that week', () => {
    for (const week of ['2026-W31', '2026-W01', '2026-W53', '2025-W01']) {
      const { monday, sunday } = weekBounds(week);
      expect(new Date(`${monday}T00:00:00Z`).getUTCDay()).toBe(1);
      expect(new Date(`${sunday}T00:00:00Z`).getUTCDay()).toBe(0);
      expect(isoWeek(monday)).toBe(week);
      expect(isoWeek(sunday)).toBe(week);
    }
  });
});

const paper = (id: string, day: string, upvotes?: number) => ({ id, data: { day, title: id, upvotes } });

describe('rankPapers', () => {
  test('by upvotes when the records have them; a paper without upvotes ranks below', () => {
    const { papers, byUpvotes } = rankPapers([
      paper('a', '2026-07-27', 3),
      paper('b', '2026-07-28'),
      paper('c', '2026-07-29', 9),
    ]);
    expect(byUpvotes).toBe(true);
    expect(papers.map((entry) => entry.id)).toEqual(['c', 'a', 'b']);
  });

  test('by day, newest first, when no record has upvotes', () => {
    const { papers, byUpvotes } = rankPapers([
      paper('a', '2026-07-27'),
      paper('b', '2026-07-29'),
      paper('c', '2026-07-28'),
    ]);
    expect(byUpvotes).toBe(false);
    expect(papers.map((entry) => entry.id)).toEqual(['b', 'c', 'a']);
  });
});

test('groupByWeek and groupByMonth: newest first, each paper in exactly one period', () => {
  const papers = [
    paper('sun', '2026-08-02', 1),
    paper('mon', '2026-08-03', 5),
    paper('jul', '2026-07-30', 2),
  ];
  const weeks = groupByWeek(papers);
  expect(weeks.map((week) => [week.key, week.papers.map((entry) => entry.id)])).toEqual([
    ['2026-W32', ['mon']],
    ['2026-W31', ['jul', 'sun']],
  ]);
  expect(weeks[1]).toMatchObject({ firstDay: '2026-07-30', lastDay: '2026-08-02' });
  expect(groupByMonth(papers).map((month) => [month.key, month.papers.map((entry) => entry.id)])).toEqual([
    ['2026-08', ['mon', 'sun']],
    ['2026-07', ['jul']],
  ]);
});

test('a ranking lists the top papers of a busy week, and counts them all', () => {
  const busy = Array.from({ length: RANKING_SIZE + 30 }, (_, index) =>
    paper(`p${index}`, '2026-07-30', index),
  );
  const [week] = groupByWeek(busy);
  expect(week?.total).toBe(RANKING_SIZE + 30);
  expect(week?.papers).toHaveLength(RANKING_SIZE);
  expect(week?.papers[0]?.id).toBe(`p${RANKING_SIZE + 29}`);
});
