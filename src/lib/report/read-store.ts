import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ISO_DAY } from '../model/day.ts';
import type { PaperRecord } from '../model/paper.ts';
import { readRecord } from '../store/record-file.ts';

/**
 * Reads the records of a store (`<dir>/<day>/<id>.md`) for a report, without the importer's lock,
 * index or repairs: it writes nothing. Day folders outside `since`–`until` are not opened. Read one
 * after another, synchronously, as the search step does (search/pagefind-index.ts).
 */

export interface DayRange {
  /** First day, `YYYY-MM-DD`, included. */
  readonly since?: string | undefined;
  /** Last day, included. */
  readonly until?: string | undefined;
}

export interface StoreRead {
  readonly records: PaperRecord[];
  /** Files that are not records, as `<file>: <reason>`. */
  readonly problems: string[];
}

export function readStoredRecords(dir: string, range: DayRange = {}): StoreRead {
  const records: PaperRecord[] = [];
  const problems: string[] = [];
  const days = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && ISO_DAY.test(entry.name))
    .map((entry) => entry.name)
    .filter(
      (day) =>
        (range.since === undefined || day >= range.since) &&
        (range.until === undefined || day <= range.until),
    )
    .sort();
  for (const day of days) {
    const files = readdirSync(join(dir, day), { withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.md') && !entry.name.startsWith('.'))
      .map((entry) => entry.name)
      .sort();
    for (const name of files) {
      const file = join(dir, day, name);
      const read = readRecord(readFileSync(file, 'utf8'));
      if (read.ok) records.push(read.record);
      else problems.push(`${file}: ${read.message}`);
    }
  }
  return { records, problems };
}
