import { formatDayShort } from './format.ts';

/**
 * Weekly and monthly views, like Hugging Face's: the top papers of a calendar week (ISO 8601, weeks
 * start on Monday and belong to the year of their Thursday) or month, ranked by upvotes when the
 * records have them and by day otherwise. O(n log n) over the papers, once per build.
 */

/**
 * How many papers a week's or a month's ranking lists: one page of rows. A ranking is a selection, not
 * an archive (days and topics list everything); listing every paper would add every paper twice more
 * to the site.
 */
export const RANKING_SIZE = 50;

/** What ranking reads of a paper. */
export interface Rankable {
  id: string;
  data: { day: string; title: string; upvotes?: number | undefined };
}

export interface Period<T extends Rankable> {
  /** `2026-W31` or `2026-07`. */
  key: string;
  /** The top `RANKING_SIZE`, ranked: most upvoted first when any paper has upvotes, else newest first. */
  papers: T[];
  /** How many papers the period has in all. */
  total: number;
  /** The first and last digest day of the period that have papers. */
  firstDay: string;
  lastDay: string;
  /** Whether the ranking is by upvotes. */
  byUpvotes: boolean;
}

const DAY_MS = 86_400_000;

/** The ISO week of a `YYYY-MM-DD` day: `2026-W31`. */
export function isoWeek(day: string): string {
  const date = Date.parse(`${day}T00:00:00Z`);
  const weekday = (new Date(date).getUTCDay() + 6) % 7;
  const thursday = new Date(date + (3 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const firstThursday =
    Date.UTC(year, 0, 4) + (3 - ((new Date(Date.UTC(year, 0, 4)).getUTCDay() + 6) % 7)) * DAY_MS;
  const week = 1 + Math.round((thursday.getTime() - firstThursday) / (7 * DAY_MS));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The Monday and Sunday of an ISO week `YYYY-Www`, as days. */
export function weekBounds(week: string): { monday: string; sunday: string } {
  const [year, number] = [Number(week.slice(0, 4)), Number(week.slice(6))];
  const jan4 = Date.UTC(year, 0, 4);
  const monday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS + (number - 1) * 7 * DAY_MS;
  const iso = (time: number) => new Date(time).toISOString().slice(0, 10);
  return { monday: iso(monday), sunday: iso(monday + 6 * DAY_MS) };
}

/** `27 Jul 2026 – 2 Aug 2026`, or one day when both are the same. */
export function dayRange(first: string, last: string): string {
  return first === last ? formatDayShort(first) : `${formatDayShort(first)} – ${formatDayShort(last)}`;
}

/** `2026-W31` → `Week 31, 2026`. */
export function weekLabel(week: string): string {
  return `Week ${Number(week.slice(6))}, ${week.slice(0, 4)}`;
}

/** Most upvoted first (when any paper has upvotes), else newest day first; then title, then id. */
export function rankPapers<T extends Rankable>(papers: readonly T[]): { papers: T[]; byUpvotes: boolean } {
  const byUpvotes = papers.some((paper) => paper.data.upvotes !== undefined);
  const ranked = [...papers].sort(
    (a, b) =>
      (byUpvotes ? (b.data.upvotes ?? -1) - (a.data.upvotes ?? -1) : 0) ||
      (a.data.day === b.data.day ? 0 : a.data.day < b.data.day ? 1 : -1) ||
      a.data.title.localeCompare(b.data.title, 'en') ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  return { papers: ranked, byUpvotes };
}

/** Groups papers into periods by `keyOf(day)`, newest period first, each ranked. */
function groupBy<T extends Rankable>(papers: readonly T[], keyOf: (day: string) => string): Period<T>[] {
  const groups = new Map<string, T[]>();
  for (const paper of papers) {
    const key = keyOf(paper.data.day);
    const group = groups.get(key);
    if (group) group.push(paper);
    else groups.set(key, [paper]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0))
    .map(([key, members]) => {
      const days = members.map((paper) => paper.data.day).sort();
      const { papers: ranked, byUpvotes } = rankPapers(members);
      return {
        key,
        papers: ranked.slice(0, RANKING_SIZE),
        total: members.length,
        byUpvotes,
        firstDay: days[0] as string,
        lastDay: days.at(-1) as string,
      };
    });
}

/** Papers by ISO week, newest week first. */
export function groupByWeek<T extends Rankable>(papers: readonly T[]): Period<T>[] {
  return groupBy(papers, isoWeek);
}

/** Papers by calendar month (`2026-07`), newest month first. */
export function groupByMonth<T extends Rankable>(papers: readonly T[]): Period<T>[] {
  return groupBy(papers, (day) => day.slice(0, 7));
}
