/** Plain-text helpers for cards, titles and feeds. */

const SENTENCE_END = /(?<=[.!?])\s+(?=[\p{Lu}\d("“])/u;

/** How far into a text `excerpt(text, maxLength)` reads: the characters it keeps, and the space and character a sentence boundary looks at. */
export const excerptReach = (maxLength: number) => maxLength + 2;

/** The first sentences of a text, up to about `maxLength` characters; cut at a word with `…` if one sentence is longer. */
export function excerpt(text: string, maxLength = 280): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= maxLength) return clean;
  let result = '';
  // Only sentences that end within `maxLength` can be kept: split just that much (plus the character
  // a sentence boundary looks at), not a whole abstract of any length.
  for (const sentence of clean.slice(0, excerptReach(maxLength)).split(SENTENCE_END)) {
    const next = result ? `${result} ${sentence}` : sentence;
    if (next.length > maxLength) break;
    result = next;
  }
  if (result) return result;
  const cut = clean.slice(0, maxLength);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > maxLength / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

const longDay = new Intl.DateTimeFormat('en-GB', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const shortDay = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const monthName = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** A digest day is a calendar day, not an instant: read and print it in UTC so no time zone shifts it. */
export function dayToDate(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

/** `2026-07-30` → `Thursday, 30 July 2026`. */
export function formatDayLong(day: string): string {
  return longDay.format(dayToDate(day));
}

/** `2026-07-30` → `30 Jul 2026`. */
export function formatDayShort(day: string): string {
  return shortDay.format(dayToDate(day));
}

/** `2026-07-30` → `July 2026`. */
export function formatMonth(day: string): string {
  return monthName.format(dayToDate(day));
}

/** `1 paper`, `56 papers`. */
export function countLabel(count: number, singular: string, plural = `${singular}s`): string {
  return `${count.toLocaleString('en-GB')} ${count === 1 ? singular : plural}`;
}

/** The title of one page of a listing: its name, followed from the second page on by the page's number. */
export function pageTitle(name: string, currentPage: number): string {
  return currentPage > 1 ? `${name}, page ${currentPage}` : name;
}
