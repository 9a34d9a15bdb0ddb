/**
 * How the search index is split. A first search downloads one shard's metadata and word index, so its
 * bytes depend on the shard size, not on the size of the collection.
 *
 * Shards are runs of whole days packed oldest first, each closed when the next day would take it past
 * the shard size, so a new day changes only the newest shard and every older one keeps its papers,
 * and its kept bundle, for good. (Packed newest first, every boundary moved with each new day: a daily
 * rebuild of 100,000 papers indexed all 51 shards again.) The newest shard is what a first search
 * reads, so it must not be a day or two: while the open run is under half a shard, it joins the run
 * before it, and the newest shard holds between half a shard and one and a half. A single day larger
 * than a shard is a run of its own.
 */

export interface Shard {
  /** `from_to`: the folder of an older shard under the index (`2026-05-01_2026-07-31`). */
  id: string;
  /** The first and last day holding papers, `YYYY-MM-DD`. */
  from: string;
  to: string;
  papers: number;
}

type Run = Omit<Shard, 'id'>;

/** Splits a collection, given as papers per day, into shards as above, newest first. O(days log days). */
export function planShards(dayCounts: ReadonlyMap<string, number>, maxPapers: number): Shard[] {
  const runs: Run[] = [];
  for (const [day, count] of [...dayCounts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (count === 0) continue;
    const open = runs.at(-1);
    if (open && open.papers + count <= maxPapers)
      runs[runs.length - 1] = { ...open, to: day, papers: open.papers + count };
    else runs.push({ from: day, to: day, papers: count });
  }
  const open = runs.at(-1);
  const before = runs.at(-2);
  if (open && before && open.papers < maxPapers / 2) {
    runs.splice(-2, 2, { from: before.from, to: open.to, papers: before.papers + open.papers });
  }
  return runs.toReversed().map((run) => ({ id: `${run.from}_${run.to}`, ...run }));
}

/** The shard holding a day's papers (shards cover disjoint runs of days). */
export function shardOfDay(shards: readonly Shard[], day: string): Shard | undefined {
  return shards.find((shard) => shard.from <= day && day <= shard.to);
}
