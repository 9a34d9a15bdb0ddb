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

/**
 * Elements whose content is text for a record. They are kept as raw XML and read by `innerText`:
 * fast-xml-parser drops the text of child elements (XHTML such as `<i>` in a name, leaving a double
 * space) and leaves numeric character references (`caf&#233;`) undecoded.
 */
const TEXT_ELEMENTS = [
  'feed.title',
  'feed.entry.title',
  'feed.entry.summary',
  'feed.entry.comment',
  'feed.entry.author.name',
];

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  textNodeName: '#text',
  isArray: (name) => ARRAYS.has(name),
  stopNodes: TEXT_ELEMENTS,
});

/** The entities XML predefines. */
const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The character of a character reference (`#233`, `#xE9`, `amp`), or undefined when it is not one. */
function decodeReference(name: string): string | undefined {
  if (name.startsWith('#')) {
    const hex = name[1] === 'x' || name[1] === 'X';
    const digits = name.slice(hex ? 2 : 1);
    if (digits === '' || !(hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits)) return undefined;
    const code = Number.parseInt(digits, hex ? 16 : 10);
    // Not a character XML allows: shown as the replacement character.
    if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\uFFFD';
    return String.fromCodePoint(code);
  }
  return NAMED_ENTITIES[name];
}

/**
 * The text content of raw XML: tags dropped and the text inside them kept, CDATA sections kept as
 * they are, comments dropped, character references and the predefined entities decoded. One pass.
 */
export function innerText(xml: string): string {
  let out = '';
  let index = 0;
  while (index < xml.length) {
    const char = xml[index];
    if (char === '<') {
      if (xml.startsWith('<![CDATA[', index)) {
        const end = xml.indexOf(']]>', index + 9);
        out += xml.slice(index + 9, end < 0 ? xml.length : end);
        index = end < 0 ? xml.length : end + 3;
      } else if (xml.startsWith('<!--', index)) {
        const end = xml.indexOf('-->', index + 4);
        index = end < 0 ? xml.length : end + 3;
      } else {
        // A tag: skip to its `>`, minding quoted attribute values.
        let quote = '';
        index++;
        while (index < xml.length) {
          const inside = xml[index];
          index++;
          if (quote !== '') {
            if (inside === quote) quote = '';
          } else if (inside === '"' || inside === "'") quote = inside;
          else if (inside === '>') break;
        }
      }
    } else if (char === '&') {
      // A reference is short: look for its `;` among the next few characters only.
      let end = index + 1;
      while (end < xml.length && end - index <= 12 && xml[end] !== ';') end++;
      const decoded = xml[end] === ';' ? decodeReference(xml.slice(index + 1, end)) : undefined;
      if (decoded === undefined) {
        out += '&';
        index++;
      } else {
        out += decoded;
        index = end + 1;
      }
    } else {
      let stop = index + 1;
      while (stop < xml.length && xml[stop] !== '<' && xml[stop] !== '&') stop++;
      out += xml.slice(index, stop);
      index = stop;
    }
  }
  return out;
}

/** Runs of whitespace as one space, trimmed: names never mean two spaces. */
function collapseSpaces(text: string): string {
  let out = '';
  let space = false;
  for (const char of text) {
    if (char.trim() === '') space = out !== '';
    else {
      if (space) out += ' ';
      space = false;
      out += char;
    }
  }
  return out;
}

/** The raw text of an element that fast-xml-parser gave as a string or as `{ '#text': … }`. */
function rawOf(node: unknown): string | undefined {
  if (typeof node === 'string') return node;
  if (isPlainObject(node) && typeof node['#text'] === 'string') return node['#text'];
  return undefined;
}

/**
 * The text of an element: with `xml`, one of `TEXT_ELEMENTS` (kept raw, read by `innerText`); else
 * one whose text fast-xml-parser decoded.
 */
function textOf(node: unknown, xml = false): string | undefined {
  const value = rawOf(node);
  return value === undefined || !xml ? value : innerText(value);
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
    textOf(feed.title, true),
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
  // A document type declaration can define entities that expand without bound; arXiv never sends one.
  if (source.includes('<!DOCTYPE') || source.includes('<!ENTITY'))
    return {
      ok: false,
      message:
        'not an arXiv Atom feed: it has a <!DOCTYPE> or <!ENTITY> declaration, which arXiv never sends',
    };
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
    const title = textOf(entry.title, true);
    const summary = textOf(entry.summary, true);
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
    const comment = textOf(entry.comment, true) ?? '';
    const found = linksFromAbstract(`${summary ?? ''}\n${comment}`);
    records.push({
      position,
      fields: {
        title,
        day: options.date ?? published,
        authors: list(entry.author).map((author) => {
          if (!isPlainObject(author)) return author;
          const name = textOf(author.name, true);
          return name === undefined ? undefined : collapseSpaces(name);
        }),
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
