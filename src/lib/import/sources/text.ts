import { isRealDay } from '../../model/day.ts';
import { linksFromAbstract } from '../abstract-links.ts';
import type { ParseResult, Problem, RawRecord } from '../raw-record.ts';

/**
 * Parser for a plain-text copy of a daily-papers page: page chrome, a day header (`Jul 30`, maybe with a
 * year), then blocks of a title line, a blank line, the abstract paragraph, a blank line.
 */

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** `Jul 30`, `July 30`, `Sept. 3`, `Jul 30, 2026`, `Jul 30 2026`. */
const DAY_HEADER = /^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:,?\s+(\d{4}))?$/;

/** Lines of page chrome known to appear between papers; chrome before the day header is always dropped. */
const CHROME = new Set([
  'new',
  'get trending papers in your email inbox!',
  'subscribe',
  'daily papers',
  'byak and the research community',
]);

/** A title longer than this is a paragraph of text, not a title line. */
const MAX_TITLE = 500;

export interface DayHeader {
  month: number;
  day: number;
  year?: number;
}

/** Reads a day header line such as `Jul 30` or `July 30, 2026`; undefined when the line is not one. */
export function parseDayHeader(line: string): DayHeader | undefined {
  const match = DAY_HEADER.exec(line.trim());
  if (!match?.[1] || !match[2]) return undefined;
  const name = match[1].toLowerCase();
  const index = MONTHS.findIndex((month) => month === name || (name.length >= 3 && month.startsWith(name)));
  // Only the abbreviation (`Jul`, `Sept`) or the full name, not any word that starts like a month.
  const month = MONTHS[index];
  if (month === undefined || !(name === month || name.length <= 4)) return undefined;
  const day = Number(match[2]);
  if (day < 1 || day > 31) return undefined;
  return match[3] === undefined
    ? { month: index + 1, day }
    : { month: index + 1, day, year: Number(match[3]) };
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

interface Paragraph {
  line: number;
  text: string;
  lines: number;
}

/** Splits text into paragraphs (runs of non-blank lines), tolerating CRLF, CR and trailing spaces. */
function paragraphs(lines: string[], from: number): Paragraph[] {
  const result: Paragraph[] = [];
  let current: string[] = [];
  let start = 0;
  const flush = () => {
    if (current.length > 0) result.push({ line: start + 1, text: current.join('\n'), lines: current.length });
    current = [];
  };
  for (let index = from; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    if (line.trim() === '') {
      flush();
    } else {
      if (current.length === 0) start = index;
      current.push(line);
    }
  }
  flush();
  return result;
}

export interface TextParseOptions {
  /** The digest day `YYYY-MM-DD`; required unless the day header has a year. Overrides the header. */
  date?: string;
}

/** Parses a text digest into raw records; `date` gives the year the `Jul 30` header lacks. */
export function parseTextDigest(text: string, options: TextParseOptions = {}): ParseResult {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((line) => line.trimEnd());
  if (lines.every((line) => line.trim() === '')) return { ok: false, message: 'the file is empty' };
  const headerIndex = lines.findIndex((line) => parseDayHeader(line) !== undefined);
  if (headerIndex < 0) {
    return {
      ok: false,
      message: 'not a text digest: no day header line such as "Jul 30" before the papers',
    };
  }
  const header = parseDayHeader(lines[headerIndex] ?? '');
  let day: string | undefined;
  const dayOf = (found: DayHeader | undefined): string | undefined => {
    if (options.date !== undefined) return options.date;
    if (found?.year === undefined) return undefined;
    return `${found.year}-${pad(found.month)}-${pad(found.day)}`;
  };
  day = dayOf(header);
  if (day === undefined) {
    return {
      ok: false,
      message: `the day header "${lines[headerIndex]?.trim()}" (line ${headerIndex + 1}) has no year: pass --date YYYY-MM-DD`,
    };
  }
  if (!isRealDay(day)) {
    return { ok: false, message: `line ${headerIndex + 1}: "${day}" is not a real calendar day` };
  }

  const records: RawRecord[] = [];
  const errors: Problem[] = [];
  const blocks = paragraphs(lines, headerIndex + 1).filter(
    (block) => !(block.lines === 1 && CHROME.has(block.text.trim().toLowerCase())),
  );
  for (let index = 0; index < blocks.length; index += 1) {
    const block = blocks[index] as Paragraph;
    const position = `line ${block.line}`;
    const nextHeader = block.lines === 1 ? parseDayHeader(block.text) : undefined;
    if (nextHeader !== undefined) {
      const nextDay = dayOf(nextHeader);
      if (nextDay === undefined) {
        errors.push({ position, message: `the day header "${block.text.trim()}" has no year: pass --date` });
      } else {
        day = nextDay;
      }
      continue;
    }
    const title = block.text.trim();
    if (title.length > MAX_TITLE) {
      errors.push({
        position,
        field: 'title',
        message: `expected a title line, got a paragraph of ${title.length} characters (an abstract without its title?)`,
      });
      continue;
    }
    const abstractBlock = blocks[index + 1];
    if (abstractBlock === undefined || (abstractBlock.lines === 1 && parseDayHeader(abstractBlock.text))) {
      errors.push({ position, field: 'abstract', message: `the title "${title}" has no abstract after it` });
      continue;
    }
    index += 1;
    const abstract = abstractBlock.text.trim();
    const links = linksFromAbstract(abstract);
    records.push({
      position,
      fields: { title, day, links, source: 'text' },
      abstract,
    });
  }
  if (records.length === 0 && errors.length === 0) {
    return { ok: false, message: `no papers after the day header (line ${headerIndex + 1})` };
  }
  return { ok: true, records, errors };
}
