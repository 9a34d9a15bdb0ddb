import { arxivAbsUrl, arxivPdfUrl, paperIdFromArxiv, parseArxivId, slugFromTitle } from '../model/ids.ts';
import { type PaperRecord, type SourceFormat, webUrlSchema } from '../model/paper.ts';
import { validatePaper } from '../model/validate.ts';
import type { Problem, RawRecord } from './raw-record.ts';
import { isPlainObject } from './values.ts';

/**
 * The one normaliser every parser feeds: unwraps hard line breaks, trims, derives the id and arXiv links,
 * and validates with the content collection's own schema.
 */

/** C0 control characters other than tab and line breaks, and DEL: never meaningful in a title or abstract. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Joins hard-wrapped lines with one space and trims; nothing else in the text changes. */
export function unwrapLine(text: string): string {
  return text.replace(/[ \t]*(?:\r\n|\r|\n)\s*/g, ' ').trim();
}

/**
 * Unwraps a hard-wrapped abstract: a single line break (with the spaces around it) becomes one space,
 * a blank line stays a paragraph break; trimmed.
 */
export function unwrapParagraphs(text: string): string {
  return text
    .replace(/\r\n|\r/g, '\n')
    .trim()
    .split(/\n[ \t]*\n\s*/)
    .map(unwrapLine)
    .join('\n\n');
}

export interface NormaliseOptions {
  /** The format the record came from; JSON Lines records may name their own source. */
  source: SourceFormat;
  /** `--date`: the digest day for every record, overriding the source's. */
  date?: string;
}

export type NormaliseResult =
  | { ok: true; record: PaperRecord; warnings: Problem[] }
  | { ok: false; problems: Problem[] };

function stripControls(value: string, field: string, warn: (field: string, message: string) => void): string {
  if (!CONTROL.test(value)) return value;
  warn(field, 'removed control characters');
  return value.replace(new RegExp(CONTROL.source, 'g'), '');
}

/** Cleans the text fields of a candidate: strings unwrapped, control characters removed, empties dropped. */
function cleanText(
  fields: Record<string, unknown>,
  warn: (field: string, message: string) => void,
): Record<string, unknown> {
  const clean: Record<string, unknown> = { ...fields };
  for (const key of ['title', 'summary', 'organization'] as const) {
    const value = clean[key];
    if (typeof value === 'string') {
      const text = unwrapLine(stripControls(value, key, warn));
      clean[key] = text === '' && key !== 'title' ? undefined : text;
    }
  }
  for (const key of ['authors', 'keywords', 'categories'] as const) {
    const value = clean[key];
    if (Array.isArray(value)) {
      clean[key] = value.map((item, index) =>
        typeof item === 'string' ? unwrapLine(stripControls(item, `${key}.${index}`, warn)) : item,
      );
    }
  }
  return clean;
}

/** Normalises and validates one raw record. */
export function normaliseRecord(raw: RawRecord, options: NormaliseOptions): NormaliseResult {
  const warnings: Problem[] = [];
  const problems: Problem[] = [];
  let id: string | undefined = typeof raw.fields.id === 'string' ? raw.fields.id : undefined;
  const warn = (field: string, message: string) => warnings.push({ position: raw.position, field, message });
  const fields = cleanText(dropAbsent(raw.fields), warn);
  dropBadUrls(fields, warn);

  let abstract = '';
  if (typeof raw.abstract !== 'string') {
    problems.push({
      position: raw.position,
      field: 'abstract',
      message: raw.abstract === undefined ? 'missing' : 'expected a string',
    });
  } else {
    abstract = unwrapParagraphs(stripControls(raw.abstract, 'abstract', warn));
    if (abstract === '')
      problems.push({ position: raw.position, field: 'abstract', message: 'must not be empty' });
  }

  if (fields.arxiv !== undefined) {
    const parsed = typeof fields.arxiv === 'string' ? parseArxivId(fields.arxiv) : undefined;
    if (parsed === undefined) {
      problems.push({
        position: raw.position,
        id,
        field: 'arxiv',
        message: `expected an arXiv id, got ${JSON.stringify(fields.arxiv)}`,
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
  if (id === undefined && typeof fields.title === 'string' && fields.title !== '')
    id = slugFromTitle(fields.title);
  fields.id = id;
  if (options.date !== undefined) fields.day = options.date;
  if (options.source !== 'jsonl' || fields.source === undefined) fields.source = options.source;
  if (isPlainObject(fields.links)) fields.links = dropAbsent(fields.links);

  const parsed = validatePaper(dropAbsent(fields));
  if (!parsed.success) {
    for (const issue of parsed.issues) {
      problems.push({ position: raw.position, id, field: issue.field, message: issue.message });
    }
  }
  if (problems.length > 0 || !parsed.success) {
    return { ok: false, problems: problems.map((problem) => ({ ...problem, id: problem.id ?? id })) };
  }
  return { ok: true, record: { data: parsed.data, abstract }, warnings: warnings.map((w) => ({ ...w, id })) };
}

/** Sources write `null` for a missing value: it is treated as absent, like `undefined`. */
function dropAbsent(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(object).filter(([, value]) => value !== undefined && value !== null),
  );
}

/**
 * An optional link that is not an absolute http(s) URL (a relative path, `javascript:…`, an empty string)
 * is dropped with a warning rather than costing the whole paper.
 */
function dropBadUrls(fields: Record<string, unknown>, warn: (field: string, message: string) => void): void {
  const check = (holder: Record<string, unknown>, key: string, field: string) => {
    const value = holder[key];
    if (value === undefined || value === null) return;
    if (typeof value === 'string' && value.trim() === '') {
      delete holder[key];
      return;
    }
    if (!webUrlSchema.safeParse(value).success) {
      delete holder[key];
      warn(field, `dropped ${JSON.stringify(value)}: expected an absolute http(s) URL`);
    }
  };
  check(fields, 'thumbnail', 'thumbnail');
  if (isPlainObject(fields.links)) {
    const links = { ...fields.links };
    for (const key of Object.keys(links)) check(links, key, `links.${key}`);
    fields.links = links;
  }
}
