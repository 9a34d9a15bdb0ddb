/**
 * How the search index is split. A first search downloads one shard's metadata and word index, so its
 * bytes depend on the shard size, not on the size of the collection. Shards are runs of whole months
 * packed newest first, so the newest shard holds the most recent papers (what a reader searches first)
 * and an old shard keeps its months while new days arrive. A month with more papers than a shard
 * holds is split into runs of whole days; a single day larger than that is a shard of its own.
 */

export interface Shard {
  /** `from_to`: the folder of an older shard under the index (`2026-05-01_2026-07-31`). */
  id: string;
  /** The first and last day holding papers, `YYYY-MM-DD`. */
  from: string;
  to: string;
  papers: number;
}

interface Unit {
  from: string;
  to: string;
  papers: number;
}

/** Months (or, for a month over `maxPapers`, its days), newest first. */
function units(dayCounts: ReadonlyMap<string, number>, maxPapers: number): Unit[] {
  const months = new Map<string, [string, number][]>();
  for (const [day, count] of [...dayCounts].sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0))) {
    const month = day.slice(0, 7);
    const days = months.get(month) ?? [];
    days.push([day, count]);
    months.set(month, days);
  }
  return [...months.values()].flatMap((days) => {
    const papers = days.reduce((sum, [, count]) => sum + count, 0);
    if (papers <= maxPapers) return [{ from: days.at(-1)?.[0] ?? '', to: days[0]?.[0] ?? '', papers }];
    return days.map(([day, count]) => ({ from: day, to: day, papers: count }));
  });
}

/** Splits a collection, given as papers per day, into shards of at most `maxPapers`, newest first. O(days log days). */
export function planShards(dayCounts: ReadonlyMap<string, number>, maxPapers: number): Shard[] {
  const shards: Shard[] = [];
  let current: Unit | undefined;
  const close = () => {
    if (current) shards.push({ id: `${current.from}_${current.to}`, ...current });
  };
  for (const unit of units(dayCounts, maxPapers)) {
    if (unit.papers === 0) continue;
    if (current && current.papers + unit.papers <= maxPapers) {
      current = { from: unit.from, to: current.to, papers: current.papers + unit.papers };
    } else {
      close();
      current = unit;
    }
  }
  close();
  return shards;
}

/** The shard holding a day's papers (shards cover disjoint runs of days). */
export function shardOfDay(shards: readonly Shard[], day: string): Shard | undefined {
  return shards.find((shard) => shard.from <= day && day <= shard.to);
}
