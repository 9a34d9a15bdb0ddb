import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseArxivId } from '../../model/ids.ts';
import { linksFromAbstract } from '../abstract-links.ts';
import type { ParseResult, Problem, RawRecord } from '../raw-record.ts';
import { datePart, isPlainObject } from '../values.ts';

/**
 * Parser for arXiv API (`/api/query`) Atom responses, from both serializers: the legacy one (`rel` and
 * `title` on links, hard-wrapped titles and summaries, namespaces declared per element) and the current
 * one. An entry titled "Error" is arXiv reporting a bad query, not a paper.
 */

const ARRAYS = new Set(['entry', 'author', 'link', 'category']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  textNodeName: '#text',
  isArray: (name) => ARRAYS.has(name),
});

/** The text of an element that fast-xml-parser gave as a string or as `{ '#text': … }`. */
function textOf(node: unknown): string | undefined {
  if (typeof node === 'string') return node;
  if (isPlainObject(node) && typeof node['#text'] === 'string') return node['#text'];
  return undefined;
}

function list(node: unknown): unknown[] {
  if (node === undefined) return [];
  return Array.isArray(node) ? node : [node];
}

function term(node: unknown): string | undefined {
  return isPlainObject(node) && typeof node['@_term'] === 'string' ? node['@_term'].trim() : undefined;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The ids an `id_list` query asked for, read from the feed's title or self link. */
function requestedIds(feed: Record<string, unknown>): string[] {
  const sources = [
    textOf(feed.title),
    ...list(feed.link).map((link) => (isPlainObject(link) ? link['@_href'] : undefined)),
  ];
  for (const source of sources) {
    if (typeof source !== 'string') continue;
    const match = /id_list=([^&]*)/.exec(safeDecode(source));
    if (match?.[1]) {
      return match[1]
        .split(',')
        .map((id) => id.trim())
        .filter((id) => parseArxivId(id) !== undefined);
    }
  }
  return [];
}

export interface ArxivParseOptions {
  /** `--date`: the digest day; else each entry's `published` day. */
  date?: string;
}

/** Parses an arXiv API Atom feed. Pure: text in, raw records and per-entry errors out. */
export function parseArxivAtom(source: string, options: ArxivParseOptions = {}): ParseResult {
  if (source.trim() === '') return { ok: false, message: 'the file is empty' };
  const valid = XMLValidator.validate(source);
  if (valid !== true) {
    const unclosed = /^Invalid '\[(.*)\]' found/s.exec(valid.err.msg);
    const detail = unclosed?.[1]
      ? `the file ends inside ${unclosed[1]
          .split(',')
          .map((name) => `<${name.trim().replace(/"/g, '')}>`)
          .join(' ')}`
      : `line ${valid.err.line}: ${valid.err.msg}`;
    return { ok: false, message: `not well-formed XML (truncated or malformed?): ${detail}` };
  }
  let document: Record<string, unknown>;
  try {
    document = parser.parse(source) as Record<string, unknown>;
  } catch (error) {
    return { ok: false, message: `not well-formed XML: ${(error as Error).message}` };
  }
  const feed = document.feed;
  if (!isPlainObject(feed)) {
    const root = Object.keys(document).find((key) => !key.startsWith('?'));
    return {
      ok: false,
      message: `not an arXiv Atom feed: the root element is <${root ?? 'nothing'}>, not <feed>`,
    };
  }
  const entries = list(feed.entry);
  const records: RawRecord[] = [];
  const errors: Problem[] = [];
  const arxivErrors: string[] = [];
  entries.forEach((entry, index) => {
    const position = `entry ${index + 1}`;
    if (!isPlainObject(entry)) {
      errors.push({ position, message: 'expected an <entry> element with children' });
      return;
    }
    const idText = textOf(entry.id)?.trim() ?? '';
    const title = textOf(entry.title);
    const summary = textOf(entry.summary);
    if (title?.trim() === 'Error' || /\/api\/errors/.test(idText)) {
      const message = `arXiv answered with an error: ${summary?.trim() ?? 'no message'}`;
      arxivErrors.push(message);
      errors.push({ position, message });
      return;
    }
    const arxiv = parseArxivId(idText);
    if (arxiv === undefined) {
      errors.push({
        position,
        field: 'id',
        message: `expected an arXiv abs URL, got ${JSON.stringify(idText)}`,
      });
      return;
    }
    const published = datePart(textOf(entry.published));
    const primary = term(entry.primary_category);
    const categories = [
      ...new Set([primary, ...list(entry.category).map(term)].filter((c) => c !== undefined)),
    ];
    const comment = textOf(entry.comment) ?? '';
    const found = linksFromAbstract(`${summary ?? ''}\n${comment}`);
    records.push({
      position,
      fields: {
        title,
        day: options.date ?? published,
        authors: list(entry.author).map((author) => (isPlainObject(author) ? textOf(author.name) : author)),
        arxiv: arxiv.version === undefined ? arxiv.id : `${arxiv.id}v${arxiv.version}`,
        published,
        links: found,
        categories,
      },
      abstract: summary,
    });
  });
  if (entries.length > 0 && arxivErrors.length === entries.length) {
    return { ok: false, message: arxivErrors.join('; ') };
  }
  const answered = new Set(records.map((record) => parseArxivId(String(record.fields.arxiv))?.id));
  const missing = requestedIds(feed).filter((id) => !answered.has(parseArxivId(id)?.id ?? id));
  const notes: Problem[] =
    missing.length > 0
      ? [
          {
            position: '',
            message: `arXiv did not answer for ${missing.length} requested id(s): ${missing.join(', ')}`,
          },
        ]
      : [];
  return { ok: true, records, errors, notes };
}
