import { describe, expect, test } from 'vitest';
import { planShards, shardOfDay } from './shards.ts';

const days = (entries: [string, number][]) => new Map(entries);
const ranges = (shards: { from: string; to: string; papers: number }[]) =>
  shards.map(({ from, to, papers }) => `${from}…${to}:${papers}`);

describe('planShards', () => {
  test('packs whole months, newest first, up to the shard size', () => {
    const collection = days([
      ['2026-01-10', 30],
      ['2026-02-03', 40],
      ['2026-03-05', 20],
      ['2026-03-20', 25],
      ['2026-04-01', 50],
    ]);
    expect(ranges(planShards(collection, 100))).toEqual([
      '2026-03-05…2026-04-01:95',
      '2026-01-10…2026-02-03:70',
    ]);
  });

  test('a month over the shard size is split into runs of whole days, a day over it stands alone', () => {
    const collection = days([
      ['2026-06-30', 5],
      ['2026-07-01', 40],
      ['2026-07-02', 150],
      ['2026-07-03', 30],
      ['2026-07-04', 30],
    ]);
    expect(ranges(planShards(collection, 100))).toEqual([
      '2026-07-03…2026-07-04:60',
      '2026-07-02…2026-07-02:150',
      '2026-06-30…2026-07-01:45',
    ]);
  });

  test('every shard holds at most the shard size unless it is one day, and the shards cover every paper', () => {
    const collection = new Map<string, number>();
    for (let day = 0; day < 2000; day++) {
      const date = new Date(Date.UTC(2020, 0, 1 + day)).toISOString().slice(0, 10);
      collection.set(date, (day * 37) % 90);
    }
    const shards = planShards(collection, 2000);
    expect(shards.reduce((sum, shard) => sum + shard.papers, 0)).toBe(
      [...collection.values()].reduce((sum, count) => sum + count, 0),
    );
    for (const shard of shards) {
      expect(shard.papers <= 2000 || shard.from === shard.to).toBe(true);
    }
    // Newest first, and no two shards share a day.
    for (let position = 1; position < shards.length; position++) {
      expect((shards[position]?.to ?? '') < (shards[position - 1]?.from ?? '')).toBe(true);
    }
  });

  test('ids name the days a shard covers, and an empty collection has no shard', () => {
    expect(planShards(days([['2026-07-30', 3]]), 10)).toEqual([
      { id: '2026-07-30_2026-07-30', from: '2026-07-30', to: '2026-07-30', papers: 3 },
    ]);
    expect(planShards(new Map(), 10)).toEqual([]);
  });
});

test('shardOfDay finds the shard whose days hold the day', () => {
  const shards = planShards(
    days([
      ['2026-05-02', 80],
      ['2026-06-10', 80],
    ]),
    100,
  );
  expect(shardOfDay(shards, '2026-06-10')?.from).toBe('2026-06-10');
  expect(shardOfDay(shards, '2026-05-02')?.to).toBe('2026-05-02');
  expect(shardOfDay(shards, '2026-05-20')).toBeUndefined();
});
