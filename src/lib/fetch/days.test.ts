import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { useTempContentDir } from '../../../tests/helpers.ts';
import { addDays, todayUtc } from '../model/day.ts';
import { daysFrom, newestStoredDay, planRange } from './days.ts';

describe('day arithmetic', () => {
  test('todayUtc is the UTC day, whatever the local time zone', () => {
    expect(todayUtc(new Date('2026-11-27T23:59:59.999Z'))).toBe('2026-11-27');
    expect(todayUtc(new Date('2026-11-28T00:00:00.000Z'))).toBe('2026-11-28');
  });

  test.each([
    ['2026-02-28', 1, '2026-03-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-03-29', 1, '2026-03-30'],
  ])('%s + %i = %s', (day, count, expected) => {
    expect(addDays(day, count)).toBe(expected);
  });

  test('daysFrom is inclusive at both ends, and empty when reversed', () => {
    expect(daysFrom('2026-12-30', '2027-01-02')).toEqual([
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
    ]);
    expect(daysFrom('2026-01-21', '2026-01-21')).toEqual(['2026-01-21']);
    expect(daysFrom('2026-01-22', '2026-01-21')).toEqual([]);
  });
});

describe('planRange', () => {
  const base = { today: '2026-11-27', catchUpDays: 31 };

  test('--date is that day; --since runs through --until or today', () => {
    expect(planRange({ ...base, date: '2026-11-01' })).toEqual({ from: '2026-11-01', to: '2026-11-01' });
    expect(planRange({ ...base, since: '2026-11-20' })).toEqual({ from: '2026-11-20', to: '2026-11-27' });
    expect(planRange({ ...base, since: '2026-10-01', until: '2026-10-31' })).toEqual({
      from: '2026-10-01',
      to: '2026-10-31',
    });
  });

  test('with neither: from the day after the last day fetched completely through today', () => {
    expect(planRange({ ...base, fetchedThrough: '2026-11-24' })).toEqual({
      from: '2026-11-25',
      to: '2026-11-27',
    });
    const upToDate = planRange({ ...base, fetchedThrough: '2026-11-27' });
    expect(upToDate.from > upToDate.to).toBe(true);
  });

  test('a lookback starts earlier, for sources that announce late', () => {
    expect(planRange({ ...base, fetchedThrough: '2026-11-26', lookbackDays: 7 })).toEqual({
      from: '2026-11-20',
      to: '2026-11-27',
    });
  });

  test('a catch-up after a long pause is capped, and says so', () => {
    const range = planRange({
      ...base,
      fetchedThrough: '2026-07-30',
      fetchedSummary: 'hf was fetched completely through 2026-07-30',
    });
    expect(range).toMatchObject({ from: '2026-10-28', to: '2026-11-27' });
    expect(daysFrom(range.from, range.to)).toHaveLength(31);
    expect(range.note).toBe(
      'hf was fetched completely through 2026-07-30: catching up on the last 31 days only (use --since for an older backfill)',
    );
  });

  test('nothing stored: today only, with a note', () => {
    expect(planRange(base)).toMatchObject({ from: '2026-11-27', to: '2026-11-27' });
    expect(planRange(base).note).toContain('--since');
  });
});

describe('newestStoredDay', () => {
  const dir = useTempContentDir();

  async function paper(day: string, name = 'x.md') {
    await mkdir(join(dir(), day), { recursive: true });
    await writeFile(join(dir(), day, name), '');
  }

  test('the newest day folder that holds a paper; not empty folders, stray names or temp files', async () => {
    expect(await newestStoredDay(join(dir(), 'missing'), '2026-11-27')).toBeUndefined();
    expect(await newestStoredDay(dir(), '2026-11-27')).toBeUndefined();
    await paper('2026-01-19');
    await paper('2026-01-20');
    await mkdir(join(dir(), '2026-01-22'));
    await paper('2026-01-23', '.x.md.tmp');
    await paper('2026-13-01');
    await paper('drafts');
    expect(await newestStoredDay(dir(), '2026-11-27')).toBe('2026-01-20');
  });

  test('a day folder after today says nothing about what was fetched', async () => {
    await paper('2026-01-20');
    await paper('2099-12-31');
    expect(await newestStoredDay(dir(), '2026-11-27')).toBe('2026-01-20');
  });
});
