import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { addDays, isRealDay } from '../model/day.ts';

/**
 * Which days a fetch covers. Days are UTC calendar days `YYYY-MM-DD`: Hugging Face dates its daily
 * lists in UTC and arXiv's `submittedDate` is in UTC.
 */

/** Every day from `from` through `to`, inclusive; empty when `from` is after `to`. */
export function daysFrom(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
}

/**
 * The newest day folder of a content directory that holds at least one paper, up to `today`: a folder
 * dated later (a record from the future, filed by an older version) says nothing about what was fetched.
 */
export async function newestStoredDay(dir: string, today: string): Promise<string | undefined> {
  let names: string[];
  try {
    names = (await readdir(dir, { withFileTypes: true }))
      .filter((entry) => entry.isDirectory() && isRealDay(entry.name) && entry.name <= today)
      .map((entry) => entry.name)
      .sort()
      .reverse();
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return undefined;
    throw error;
  }
  // A backfill moves a paper to an earlier day and can leave its old day folder empty.
  for (const name of names) {
    const files = await readdir(join(dir, name));
    if (files.some((file) => file.endsWith('.md'))) return name;
  }
  return undefined;
}

export interface RangeRequest {
  /** `--date`: this day only. */
  date?: string;
  /** `--since`: from this day. */
  since?: string;
  /** `--until`: through this day; today by default. */
  until?: string;
  today: string;
  /**
   * The last day fetched completely (from the fetch state, else the newest stored day), where a run
   * with neither `date` nor `since` starts after.
   */
  fetchedThrough?: string;
  /** What `fetchedThrough` is, for the notes (`hf was fetched completely through 2026-11-26`). */
  fetchedSummary?: string;
  /**
   * Days before the day after `fetchedThrough` to start from, for sources that publish a day's papers
   * late (arXiv announces a submission one to four days after it).
   */
  lookbackDays?: number;
  /** The most days a catch-up (neither `date` nor `since`) goes back. */
  catchUpDays: number;
}

export interface DayRange {
  from: string;
  to: string;
  /** Why the range is what it is, when that is not what was asked for. */
  note?: string;
}

/**
 * The days to fetch: `date` alone; `since` through `until` (today by default); or, with neither, from
 * the day after the last day fetched completely through today, so that a missed run catches up on the
 * next one. An empty range (`from` after `to`) means there is nothing to fetch.
 */
export function planRange(request: RangeRequest): DayRange {
  const to = request.date ?? request.until ?? request.today;
  if (request.date !== undefined) return { from: request.date, to };
  if (request.since !== undefined) return { from: request.since, to };
  const earliest = addDays(to, 1 - request.catchUpDays);
  if (request.fetchedThrough === undefined) {
    return {
      from: to,
      to,
      note: 'nothing is stored yet, so only today is fetched (use --since to backfill)',
    };
  }
  const from = addDays(request.fetchedThrough, 1 - (request.lookbackDays ?? 0));
  if (from < earliest) {
    return {
      from: earliest,
      to,
      note: `${request.fetchedSummary ?? `the last day fetched is ${request.fetchedThrough}`}: catching up on the last ${request.catchUpDays} days only (use --since for an older backfill)`,
    };
  }
  return { from, to };
}
