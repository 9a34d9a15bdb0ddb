import { type DayWindow, isRealDay, latestDay, todayUtc } from '../model/day.ts';
import { PAPER_ID } from '../model/id-patterns.ts';
import { arxivAbsUrl, arxivPdfUrl, paperIdFromArxiv, parseArxivId, slugFromTitle } from '../model/ids.ts';
import { FIELD_LIMITS } from '../model/limits.ts';
import { isWebUrl, type PaperRecord, type SourceFormat } from '../model/paper.ts';
import { dayOutsideSource } from '../model/source-days.ts';
import { cleanText, describeInvisible, describeRepairs, hasVisibleCharacter } from '../model/text.ts';
import { validatePaper } from '../model/validate.ts';
import type { Problem, RawRecord } from './raw-record.ts';
import { isPlainObject } from './values.ts';

/**
 * The one normaliser every parser feeds: cleans every text and URL field of characters no reader
 * accepts, unwraps hard line breaks, trims, holds each field to its limit (`model/limits.ts`), keeps
 * only topics of the taxonomy, derives the id and arXiv links, and validates with the content
 * collection's own schema. Every step is a linear scan: no regular expression here can backtrack.
 */

/** The characters JavaScript's `\s` matches (and `String.prototype.trim` removes). */
const WHITESPACE = new Set(
  [
    0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006,
    0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff,
  ].map((code) => String.fromCharCode(code)),
);

/**
 * Joins hard-wrapped lines with one space and trims: each line break, with the spaces and tabs before
 * it and all whitespace after it, becomes one space. Nothing else in the text changes. One pass.
 */
export function unwrapLine(text: string): string {
  let out = '';
  let from = 0;
  let index = 0;
  while (index < text.length) {
    const char = text[index];
    if (char !== '\n' && char !== '\r') {
      index++;
      continue;
    }
    let end = index;
    while (end > from && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
    out += `${text.slice(from, end)} `;
    index++;
    while (index < text.length && WHITESPACE.has(text[index] as string)) index++;
    from = index;
  }
  return (from === 0 ? text : out + text.slice(from)).trim();
}

/**
 * Unwraps a hard-wrapped abstract: a single line break (with the spaces around it) becomes one space,
 * a blank line (or several) stays one paragraph break; trimmed. One pass over the lines.
 */
export function unwrapParagraphs(text: string): string {
  const paragraphs: string[] = [];
  let current: string[] = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line.trim() === '') {
      if (current.length > 0) paragraphs.push(unwrapLine(current.join('\n')));
      current = [];
    } else current.push(line);
  }
  if (current.length > 0) paragraphs.push(unwrapLine(current.join('\n')));
  return paragraphs.join('\n\n');
}

export interface NormaliseOptions {
  /** The format the record came from; JSON Lines records may name their own source. */
  source: SourceFormat;
  /** `--date`: the digest day for every record, overriding the source's. */
  date?: string;
  /** The days a fetch asked for: a record dated outside them is filed on the nearest of them, with a note. */
  window?: DayWindow;
  /** Today's UTC day, which a record's days may not run ahead of by more than one (default: now). */
  today?: string;
  /** The topic slugs of the taxonomy: other topics are dropped with a note. Unchecked when absent. */
  topics?: ReadonlySet<string>;
}

export type NormaliseResult =
  | { ok: true; record: PaperRecord; warnings: Problem[] }
  | { ok: false; problems: Problem[] };

type Report = (field: string, message: string) => void;

const number = (value: number) => value.toLocaleString('en');

/** Text fields and what one of them is called in a message. */
const TEXT_FIELDS = {
  title: ['title', FIELD_LIMITS.title],
  summary: ['summary', FIELD_LIMITS.summary],
  organization: ['organisation name', FIELD_LIMITS.organization],
} as const;

/** List fields: what one item is called, its length limit, the number of items kept. */
const LIST_FIELDS = {
  authors: ['author name', FIELD_LIMITS.author, FIELD_LIMITS.authors],
  keywords: ['keyword', FIELD_LIMITS.keyword, FIELD_LIMITS.keywords],
  categories: ['category', FIELD_LIMITS.category, FIELD_LIMITS.categories],
  // A topic that is not a taxonomy slug is dropped (or fails the slug pattern), whatever its length.
  topics: ['topic', Number.POSITIVE_INFINITY, FIELD_LIMITS.topics],
  excludedTopics: ['topic', Number.POSITIVE_INFINITY, FIELD_LIMITS.topics],
} as const;

/** Cleans one string: characters no reader accepts removed (with a note), then unwrapped. */
function cleanString(value: string, field: string, warn: Report): string {
  const cleaned = cleanText(value);
  const note = describeRepairs(cleaned.repairs);
  if (note !== undefined) warn(field, note);
  return unwrapLine(cleaned.text);
}

function tooLong(length: number, limit: number, what: string): string {
  return `${number(length)} characters, more than the ${number(limit)} a record's ${what} may have`;
}

/** Cleans and limits the text and list fields of a candidate; an over-long text is a problem. */
function cleanFields(fields: Record<string, unknown>, warn: Report, reject: Report): Record<string, unknown> {
  const clean: Record<string, unknown> = { ...fields };
  for (const [key, [what, limit]] of Object.entries(TEXT_FIELDS)) {
    const value = clean[key];
    if (typeof value !== 'string') continue;
    const text = cleanString(value, key, warn);
    if (text.length > limit) reject(key, tooLong(text.length, limit, what));
    // An optional text that shows nothing is absent; a title must show something (the schema says why).
    clean[key] = !hasVisibleCharacter(text) && key !== 'title' ? undefined : text;
  }
  for (const [key, [what, limit, count]] of Object.entries(LIST_FIELDS)) {
    const value = clean[key];
    if (!Array.isArray(value)) continue;
    let items = value.map((item, index) => {
      if (typeof item !== 'string') return item;
      const text = cleanString(item, `${key}.${index}`, warn);
      if (text.length > limit) reject(`${key}.${index}`, tooLong(text.length, limit, what));
      return text;
    });
    if (key === 'keywords' || key === 'categories') {
      // A label that says nothing (Hugging Face's `ai_keywords` holds "" now and then) costs nothing.
      const kept = items.filter((item) => item !== '');
      if (kept.length < items.length) {
        const dropped = items.length - kept.length;
        warn(
          key,
          `dropped ${dropped === 1 ? 'an empty' : `${dropped} empty`} ${what}${dropped === 1 ? '' : 's'}`,
        );
        items = kept;
      }
    }
    let keep = Math.min(items.length, count);
    if (key === 'authors') {
      let total = 0;
      for (let index = 0; index < keep; index++) {
        total += typeof items[index] === 'string' ? (items[index] as string).length : 0;
        if (total > FIELD_LIMITS.authorsTotal) keep = index;
      }
    }
    if (keep < items.length) {
      warn(
        key,
        `kept the first ${number(keep)} of ${number(items.length)} (a record holds at most ${number(count)} ${key}${key === 'authors' ? ` and ${number(FIELD_LIMITS.authorsTotal)} characters of names` : ''})`,
      );
      items = items.slice(0, keep);
    }
    clean[key] = items;
  }
  return clean;
}

/** `text` without its whitespace, in one pass. */
function withoutWhitespace(text: string): string {
  let out = '';
  for (const char of text) if (!WHITESPACE.has(char)) out += char;
  return out;
}

const shownUrl = (url: string) => JSON.stringify(url.length > 200 ? `${url.slice(0, 200)}…` : url);

/**
 * Cleans an optional URL field. Whitespace inside it (a line break where a source wrapped it) is removed
 * when what is left is a web URL, with a note. One that is too long or not an absolute http(s) URL with
 * a host (a relative path, `javascript:…`, `https:evil.example`) is dropped with a note rather than
 * costing the whole paper.
 */
function cleanUrl(holder: Record<string, unknown>, key: string, field: string, warn: Report): void {
  const value = holder[key];
  if (value === undefined || value === null) return;
  if (typeof value !== 'string') return;
  const cleaned = cleanText(value);
  const note = describeRepairs(cleaned.repairs);
  if (note !== undefined) warn(field, note);
  let url = cleaned.text.trim();
  if (!isWebUrl(url) && url.length <= FIELD_LIMITS.url) {
    const joined = withoutWhitespace(url);
    if (joined !== url && isWebUrl(joined)) {
      warn(field, `removed the whitespace inside the URL ${shownUrl(url)}`);
      url = joined;
    }
  }
  if (url === '') {
    delete holder[key];
  } else if (url.length > FIELD_LIMITS.url) {
    delete holder[key];
    warn(field, `dropped a URL of ${number(url.length)} characters (at most ${number(FIELD_LIMITS.url)})`);
  } else if (!isWebUrl(url)) {
    delete holder[key];
    warn(field, `dropped ${shownUrl(url)}: expected an absolute http(s) URL with a host`);
  } else holder[key] = url;
}

function cleanUrls(fields: Record<string, unknown>, warn: Report): void {
  cleanUrl(fields, 'thumbnail', 'thumbnail', warn);
  if (isPlainObject(fields.links)) {
    const links = { ...fields.links };
    for (const key of Object.keys(links)) cleanUrl(links, key, `links.${key}`, warn);
    fields.links = links;
  }
}

/** Keeps the topics (and excluded topics) the taxonomy defines; the others are dropped with one note. */
function keepKnownTopics(fields: Record<string, unknown>, topics: ReadonlySet<string>, warn: Report): void {
  for (const key of ['topics', 'excludedTopics']) {
    const value = fields[key];
    if (!Array.isArray(value)) continue;
    const unknown = value.filter((topic) => typeof topic === 'string' && !topics.has(topic));
    if (unknown.length === 0) continue;
    fields[key] = value.filter((topic) => !unknown.includes(topic));
    const shown = unknown
      .slice(0, 10)
      .map((topic) => JSON.stringify(topic.length > 60 ? `${topic.slice(0, 60)}…` : topic));
    warn(
      key,
      `dropped ${shown.join(', ')}${unknown.length > 10 ? ` and ${unknown.length - 10} more` : ''}: not a topic of content/topics.yaml`,
    );
  }
}

/** Normalises and validates one raw record. */
export function normaliseRecord(raw: RawRecord, options: NormaliseOptions): NormaliseResult {
  const warnings: Problem[] = [];
  const problems: Problem[] = [];
  let id: string | undefined = typeof raw.fields.id === 'string' ? raw.fields.id : undefined;
  const warn: Report = (field, message) => warnings.push({ position: raw.position, field, message });
  const reject: Report = (field, message) => problems.push({ position: raw.position, field, message });
  const fields = cleanFields(dropAbsent(raw.fields), warn, reject);
  cleanUrls(fields, warn);
  if (options.topics !== undefined) keepKnownTopics(fields, options.topics, warn);

  let abstract = '';
  if (typeof raw.abstract !== 'string') {
    reject('abstract', raw.abstract === undefined ? 'missing' : 'expected a string');
  } else {
    const cleaned = cleanText(raw.abstract);
    const note = describeRepairs(cleaned.repairs);
    if (note !== undefined) warn('abstract', note);
    abstract = unwrapParagraphs(cleaned.text);
    if (abstract === '') reject('abstract', 'must not be empty');
    else if (!hasVisibleCharacter(abstract))
      reject('abstract', `must not be empty: ${describeInvisible(abstract)}`);
    else if (abstract.length > FIELD_LIMITS.abstract)
      reject('abstract', tooLong(abstract.length, FIELD_LIMITS.abstract, 'abstract'));
  }

  if (fields.arxiv !== undefined) {
    const parsed =
      typeof fields.arxiv === 'string' && fields.arxiv.length <= 200 ? parseArxivId(fields.arxiv) : undefined;
    if (parsed === undefined) {
      const shown = typeof fields.arxiv === 'string' ? fields.arxiv.slice(0, 200) : fields.arxiv;
      problems.push({
        position: raw.position,
        id,
        field: 'arxiv',
        message: `expected an arXiv id, got ${JSON.stringify(shown)}`,
      });
    } else {
      fields.arxiv = parsed.id;
      fields.arxivVersion ??= parsed.version;
      id ??= paperIdFromArxiv(parsed.id);
      const links = isPlainObject(fields.links) ? { ...fields.links } : {};
      links.abs ??= arxivAbsUrl(parsed.id);
      links.pdf ??= arxivPdfUrl(parsed.id);
      fields.links = links;
    }
  }
  if (id === undefined && typeof fields.title === 'string' && hasVisibleCharacter(fields.title))
    id = slugFromTitle(fields.title);
  fields.id = id;
  if (options.date !== undefined) fields.day = options.date;
  if (options.window !== undefined) keepInWindow(fields, options.window, warn);
  if (options.source !== 'jsonl' || fields.source === undefined) fields.source = options.source;
  if (isPlainObject(fields.links)) fields.links = dropAbsent(fields.links);
  const today = options.today ?? todayUtc();
  dropFuturePublished(fields, today, warn);

  const parsed = validatePaper(dropAbsent(fields));
  if (!parsed.success) {
    for (const issue of parsed.issues) {
      problems.push({ position: raw.position, id, field: issue.field, message: issue.message });
    }
  } else {
    const outside = dayOutsideSource(parsed.data.day, parsed.data.source, today);
    if (outside !== undefined) problems.push({ position: raw.position, id, field: 'day', message: outside });
  }
  if (problems.length > 0 || !parsed.success) {
    const shown = shownId(id);
    return { ok: false, problems: problems.map((problem) => ({ ...problem, id: shown })) };
  }
  return { ok: true, record: { data: parsed.data, abstract }, warnings: warnings.map((w) => ({ ...w, id })) };
}

/**
 * Files a record dated outside the days a fetch asked for on the nearest of them, with a note: a source
 * that answers a question about last week with a paper of 2099 does not get to make a 2099 day.
 */
function keepInWindow(fields: Record<string, unknown>, window: DayWindow, warn: Report): void {
  const day = fields.day;
  if (typeof day !== 'string' || !isRealDay(day) || (day >= window.from && day <= window.to)) return;
  const nearest = day < window.from ? window.from : window.to;
  warn('day', `${day} is outside the days asked for (${window.from} to ${window.to}): filed on ${nearest}`);
  fields.day = nearest;
}

/** A paper's own date after tomorrow is no date: dropped, with a note (the paper is kept). */
function dropFuturePublished(fields: Record<string, unknown>, today: string, warn: Report): void {
  const published = fields.published;
  if (typeof published !== 'string' || !isRealDay(published) || published <= latestDay(today)) return;
  warn('published', `dropped ${published}: after tomorrow (${latestDay(today)}, UTC)`);
  delete fields.published;
}

/** An id as messages show it: a valid one as it is, anything else quoted (controls escaped) and cut short. */
function shownId(id: string | undefined): string | undefined {
  if (id === undefined || PAPER_ID.test(id)) return id;
  return JSON.stringify(id.length > 100 ? `${id.slice(0, 100)}…` : id);
}

/** Sources write `null` for a missing value: it is treated as absent, like `undefined`. */
function dropAbsent(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(object).filter(([, value]) => value !== undefined && value !== null),
  );
}
