import { parsePythonLiteral } from '../python-literal.ts';
import type { ParseResult, Problem, RawRecord } from '../raw-record.ts';
import { datePart, describeValue, isListEnvelope, isPlainObject, parseJsonDocument } from '../values.ts';

/**
 * Parser for the Hugging Face daily-papers API (`/api/daily_papers?date=…`): a JSON array of items
 * `{ paper: {…}, title, summary, thumbnail, mediaUrls, organization, publishedAt, … }`, in every shape it
 * has had (current with AI fields, date-only timestamps, the older `mediaUrl` shape without them). Two
 * flaws of archived dumps are repaired, each with a note, since the papers in them are whole: items
 * written as Python reprs (`str(item)` instead of JSON), and the list wrapped in an archive's envelope
 * (`{"status": …, "date": …, "count": …, "data": [...]}`), whose `date` is then the day of items
 * that do not carry theirs (older days have no `submittedOnDailyAt`).
 */

const IMAGE_EXTENSIONS = ['.png', '.jpg', '.jpeg', '.gif', '.webp', '.avif'];

/** Whether a URL's path ends in an image extension (before any `?query` or `#fragment`). */
function isImageUrl(url: string): boolean {
  let end = url.length;
  for (let index = 0; index < url.length; index++) {
    if (url[index] === '?' || url[index] === '#') {
      end = index;
      break;
    }
  }
  const path = url.slice(Math.max(0, end - 5), end).toLowerCase();
  return IMAGE_EXTENSIONS.some((extension) => path.endsWith(extension));
}

function text(value: unknown): unknown {
  return typeof value === 'string' && value.trim() === '' ? undefined : value;
}

function firstImage(...candidates: unknown[]): string | undefined {
  for (const candidate of candidates.flat()) {
    if (typeof candidate === 'string' && isImageUrl(candidate)) return candidate;
  }
  return undefined;
}

function organizationName(value: unknown): unknown {
  if (!isPlainObject(value)) return text(value);
  return text(value.fullname) ?? text(value.name);
}

/** `a string` → `strings`, for messages about many items. */
function plural(value: unknown): string {
  if (isPlainObject(value)) return 'objects without "paper"';
  const kind = describeValue(value);
  return kind === 'null' ? 'null' : `${kind.replace(/^an? /, '')}s`;
}

export interface HfParseOptions {
  /** `--date`: when given, items without `submittedOnDailyAt` are fine. */
  date?: string;
}

/** Parses a daily-papers API response. Pure: text in, raw records and per-item errors out. */
export function parseHfDailyPapers(source: string, options: HfParseOptions = {}): ParseResult {
  // A byte order mark is no part of the JSON (JSON.parse refuses it); the other formats skip it too.
  const content = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  if (content.trim() === '') return { ok: false, message: 'the file is empty' };
  const parsed = parseJsonDocument(content);
  if (!parsed.ok) return parsed;
  let { json } = parsed;
  const notes: Problem[] = [];
  /** An archive's envelope names the day its list is of: the day of items that do not say. */
  let envelopeDay: string | undefined;
  if (isListEnvelope(json)) {
    notes.push({
      position: '',
      message: `the list is the "data" of an object with ${Object.keys(json).join(', ')} (an archive's envelope): read from there`,
    });
    envelopeDay = datePart(json.date);
    json = json.data;
  }
  if (!Array.isArray(json)) {
    const detail =
      isPlainObject(json) && typeof json.error === 'string' ? ` (the API said: ${json.error})` : '';
    return {
      ok: false,
      message: `not a Hugging Face daily-papers response: expected a JSON array, got ${describeValue(json)}${detail}`,
    };
  }
  const reprs = readPythonReprs(json);
  if (reprs.read === 1) {
    notes.push({
      position: '',
      message: '1 item is a Python repr (written with str() instead of JSON): read as a Python literal',
    });
  } else if (reprs.read > 1) {
    notes.push({
      position: '',
      message: `${reprs.read === json.length ? 'all ' : ''}${reprs.read} items are Python reprs (written with str() instead of JSON): read as Python literals`,
    });
  }
  const items = reprs.items;
  const undated = items.filter(
    (item) =>
      isPlainObject(item) &&
      isPlainObject(item.paper) &&
      datePart(item.paper.submittedOnDailyAt) === undefined,
  ).length;
  if (envelopeDay !== undefined && undated > 0 && options.date === undefined)
    notes.push({
      position: '',
      message: `${undated} item(s) without submittedOnDailyAt: filed on the envelope's date, ${envelopeDay}`,
    });
  const papers = items.filter((item) => isPlainObject(item) && isPlainObject(item.paper));
  if (items.length > 0 && papers.length === 0) {
    const kinds = [...new Set(items.map(plural))].join(' or ');
    return {
      ok: false,
      message: `not a Hugging Face daily-papers response: none of its ${items.length} items is an object with a "paper"; they are ${kinds}`,
    };
  }
  const records: RawRecord[] = [];
  const errors: Problem[] = [];
  items.forEach((item: unknown, index) => {
    const position = `item ${index + 1}`;
    if (!isPlainObject(item)) {
      const repr = reprs.problems.get(index);
      const detail = repr === undefined ? '' : ` (not a Python repr of one either: ${repr})`;
      errors.push({ position, message: `expected an object, got ${describeValue(item)}${detail}` });
      return;
    }
    const paper = item.paper;
    if (!isPlainObject(paper)) {
      errors.push({ position, field: 'paper', message: `expected an object, got ${describeValue(paper)}` });
      return;
    }
    const id = typeof paper.id === 'string' ? paper.id : undefined;
    const day = datePart(paper.submittedOnDailyAt) ?? envelopeDay;
    if (day === undefined && options.date === undefined) {
      errors.push({
        position,
        id,
        field: 'paper.submittedOnDailyAt',
        message: `expected a timestamp (the digest day), got ${JSON.stringify(paper.submittedOnDailyAt) ?? 'nothing'}; pass --date to set the day`,
      });
      return;
    }
    if (id === undefined) {
      errors.push({
        position,
        field: 'paper.id',
        message: `expected an arXiv id, got ${describeValue(paper.id)}`,
      });
      return;
    }
    const authors = Array.isArray(paper.authors)
      ? paper.authors.map((author: unknown) => (isPlainObject(author) ? author.name : author))
      : paper.authors;
    records.push({
      position,
      fields: {
        title: text(paper.title) ?? item.title,
        day,
        authors,
        arxiv: id,
        published: datePart(paper.publishedAt),
        links: {
          hf: `https://huggingface.co/papers/${id.replace(/v\d+$/, '')}`,
          code: text(paper.githubRepo),
          project: text(paper.projectPage),
        },
        keywords: paper.ai_keywords,
        upvotes: paper.upvotes,
        githubStars: paper.githubStars,
        summary: text(paper.ai_summary),
        thumbnail: text(item.thumbnail) ?? firstImage(item.mediaUrl, item.mediaUrls, paper.mediaUrls),
        organization: organizationName(item.organization) ?? organizationName(paper.organization),
      },
      abstract: text(paper.summary) ?? item.summary,
    });
  });
  return { ok: true, records, errors, ...(notes.length > 0 ? { notes } : {}) };
}

/**
 * The items with each string that reads as a Python dict literal replaced by its value; `problems` says
 * why a string that looks like one (it starts with `{`) does not read.
 */
function readPythonReprs(items: unknown[]): {
  items: unknown[];
  read: number;
  problems: Map<number, string>;
} {
  let read = 0;
  const problems = new Map<number, string>();
  const out = items.map((item, index) => {
    if (typeof item !== 'string' || !item.trimStart().startsWith('{')) return item;
    const literal = parsePythonLiteral(item);
    if (!literal.ok) {
      problems.set(index, literal.message);
      return item;
    }
    read += 1;
    return literal.value;
  });
  return { items: out, read, problems };
}
