import { latestDay } from './day.ts';
import type { SourceFormat } from './paper.ts';

/**
 * The days a source can have papers for: from the day it began through tomorrow (UTC). A day outside
 * them, as an argument or as a record's date, is refused: a stray `2099-12-31` or `0000-01-01` would
 * otherwise become a day folder, a week page and the newest day the daily fetch starts from.
 */

/** The first day of each source, and what began on it. */
export const SOURCE_FIRST_DAY = {
  // Hugging Face's daily papers list began in May 2023; its API answers an empty list before then.
  hf: { day: '2023-05-04', what: 'Hugging Face daily papers began' },
  // The first submission to arXiv (hep-th/9108001), on 14 August 1991.
  arxiv: { day: '1991-08-14', what: 'arXiv began' },
  // A text digest is a copy of the Hugging Face daily papers page.
  text: { day: '2023-05-04', what: 'Hugging Face daily papers began' },
  // JSON Lines come from anywhere: no digest day can be older than the oldest preprint server's.
  jsonl: { day: '1991-08-14', what: 'arXiv began' },
} as const satisfies Record<SourceFormat, { day: string; what: string }>;

/**
 * Why `day` cannot be a day of `source` (before the source began, or after tomorrow), or `undefined`
 * when it can. `today` is today's UTC day.
 */
export function dayOutsideSource(day: string, source: SourceFormat, today?: string): string | undefined {
  const first = SOURCE_FIRST_DAY[source];
  if (day < first.day) return `${day} is before ${first.day}, when ${first.what}`;
  const latest = latestDay(today);
  if (day > latest) return `${day} is after tomorrow (${latest}, UTC): a paper's day cannot be in the future`;
  return undefined;
}
