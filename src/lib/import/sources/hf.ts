import type { ParseResult, Problem, RawRecord } from '../raw-record.ts';
import { datePart, describeValue, isPlainObject } from '../values.ts';

/**
 * Parser for the Hugging Face daily-papers API (`/api/daily_papers?date=…`): a JSON array of items
 * `{ paper: {…}, title, summary, thumbnail, mediaUrls, organization, publishedAt, … }`, in every shape it
 * has had (current with AI fields, date-only timestamps, the older `mediaUrl` shape without them).
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
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch (error) {
    return { ok: false, message: `not valid JSON (truncated or malformed?): ${(error as Error).message}` };
  }
  if (!Array.isArray(json)) {
    const detail =
      isPlainObject(json) && typeof json.error === 'string' ? ` (the API said: ${json.error})` : '';
    return {
      ok: false,
      message: `not a Hugging Face daily-papers response: expected a JSON array, got ${describeValue(json)}${detail}`,
    };
  }
  const papers = json.filter((item) => isPlainObject(item) && isPlainObject(item.paper));
  if (json.length > 0 && papers.length === 0) {
    const kinds = [...new Set(json.map(plural))].join(' or ');
    const hint = json.every((item) => typeof item === 'string' && /^\s*\{\s*'/.test(item))
      ? ' (they look like Python reprs: the dump was written with str() instead of JSON)'
      : '';
    return {
      ok: false,
      message: `not a Hugging Face daily-papers response: none of its ${json.length} items is an object with a "paper"; they are ${kinds}${hint}`,
    };
  }
  const records: RawRecord[] = [];
  const errors: Problem[] = [];
  json.forEach((item: unknown, index) => {
    const position = `item ${index + 1}`;
    if (!isPlainObject(item)) {
      errors.push({ position, message: `expected an object, got ${describeValue(item)}` });
      return;
    }
    const paper = item.paper;
    if (!isPlainObject(paper)) {
      errors.push({ position, field: 'paper', message: `expected an object, got ${describeValue(paper)}` });
      return;
    }
    const id = typeof paper.id === 'string' ? paper.id : undefined;
    const day = datePart(paper.submittedOnDailyAt);
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
  return { ok: true, records, errors };
}
