import { describe, expect, test } from 'vitest';
import { addDays } from '../model/day.ts';
import { planShards, type Shard, shardOfDay } from './shards.ts';

const days = (entries: [string, number][]) => new Map(entries);
const ranges = (shards: { from: string; to: string; papers: number }[]) =>
  shards.map(({ from, to, papers }) => `${from}…${to}:${papers}`);

/** `count` consecutive days from 2020-01-01, with papers per day from `papersOn`. */
function calendar(count: number, papersOn: (day: number) => number): Map<string, number> {
  const collection = new Map<string, number>();
  for (let day = 0; day < count; day++) collection.set(addDays('2020-01-01', day), papersOn(day));
  return collection;
}

const total = (counts: Iterable<number>) => [...counts].reduce((sum, count) => sum + count, 0);

describe('planShards', () => {
  test('packs whole days oldest first up to the shard size, and lists the shards newest first', () => {
    const collection = days([
      ['2026-01-10', 30],
      ['2026-02-03', 40],
      ['2026-03-05', 20],
      ['2026-03-20', 25],
      ['2026-04-01', 50],
      ['2026-04-02', 10],
    ]);
    expect(ranges(planShards(collection, 100))).toEqual([
      '2026-03-20…2026-04-02:85',
      '2026-01-10…2026-03-05:90',
    ]);
  });

  test('a newest run under half a shard joins the shard before it; a day over the shard size stands alone', () => {
    const collection = days([
      ['2026-06-30', 5],
      ['2026-07-01', 40],
      ['2026-07-02', 150],
      ['2026-07-03', 30],
      ['2026-07-04', 30],
      ['2026-07-05', 35],
      ['2026-07-06', 20],
    ]);
    expect(ranges(planShards(collection, 100))).toEqual([
      '2026-07-03…2026-07-06:115',
      '2026-07-02…2026-07-02:150',
      '2026-06-30…2026-07-01:45',
    ]);
    // Once the newest run holds half a shard, it stands alone.
    collection.set('2026-07-07', 30);
    expect(ranges(planShards(collection, 100))).toEqual([
      '2026-07-06…2026-07-07:50',
      '2026-07-03…2026-07-05:95',
      '2026-07-02…2026-07-02:150',
      '2026-06-30…2026-07-01:45',
    ]);
  });

  test('a new day changes only the newest shard, or the newest two when the newest run reaches half a shard', () => {
    // Days of 0 to 180 papers, so that runs close at every kind of boundary.
    const year = calendar(400, (day) => (day * 53) % 181);
    const entries = [...year];
    const sameShard = (a: Shard, b: Shard) => a.id === b.id && a.papers === b.papers;
    let previous = planShards(new Map(), 1000);
    let splits = 0;
    for (let count = 1; count <= entries.length; count++) {
      const shards = planShards(new Map(entries.slice(0, count)), 1000);
      const kept = shards.filter((shard) => previous.some((before) => sameShard(before, shard)));
      const changed = shards.length - kept.length;
      expect(changed, `day ${count}`).toBeLessThanOrEqual(2);
      if (changed === 2) splits++;
      // Everything but the newest two shards is kept as it was.
      expect(
        shards.slice(2).every((shard) => kept.includes(shard)),
        `day ${count}`,
      ).toBe(true);
      previous = shards;
    }
    expect(splits).toBeGreaterThan(0);
  });

  test('the newest shard holds between half a shard and one and a half, unless it is all there is or one large day', () => {
    for (const [name, collection] of [
      ['uneven days', calendar(2000, (day) => (day * 37) % 90)],
      ['busy days', calendar(900, (day) => 100 + ((day * 29) % 60))],
      ['a few days', calendar(12, () => 7)],
    ] as const) {
      for (const size of [60, 500, 2000]) {
        const shards = planShards(collection, size);
        const newest = shards[0] as Shard;
        if (shards.length > 1 && newest.from !== newest.to) {
          expect(newest.papers, `${name}, ${size}`).toBeGreaterThanOrEqual(size / 2);
        }
        expect(newest.papers <= size * 1.5 || newest.from === newest.to, `${name}, ${size}`).toBe(true);
      }
    }
  });

  test('every older shard holds at most the shard size unless it is one day, and the shards cover every paper', () => {
    const collection = calendar(2000, (day) => (day * 37) % 90);
    const shards = planShards(collection, 2000);
    expect(shards.length).toBeGreaterThan(10);
    expect(total(shards.map((shard) => shard.papers))).toBe(total(collection.values()));
    for (const shard of shards.slice(1)) {
      expect(shard.papers <= 2000 || shard.from === shard.to).toBe(true);
    }
    // Newest first, and no two shards share a day.
    for (let position = 1; position < shards.length; position++) {
      expect((shards[position]?.to ?? '') < (shards[position - 1]?.from ?? '')).toBe(true);
    }
  });

  test('ids name the days a shard covers, days without papers are left out, and an empty collection has no shard', () => {
    expect(
      planShards(
        days([
          ['2026-07-29', 0],
          ['2026-07-30', 3],
        ]),
        10,
      ),
    ).toEqual([{ id: '2026-07-30_2026-07-30', from: '2026-07-30', to: '2026-07-30', papers: 3 }]);
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
