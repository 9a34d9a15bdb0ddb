import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseFrontmatter } from '@astrojs/internal-helpers/frontmatter';
import { describe, expect, test } from 'vitest';
import YAML from 'yaml';
import { type PaperData, type PaperRecord, paperSchema } from '../model/paper.ts';
import { cleanText, findForbiddenCharacter } from '../model/text.ts';
import { parseRecordFile, readRecord, serialiseRecord } from './record-file.ts';

function record(data: Partial<PaperData>, abstract = 'An abstract.'): PaperRecord {
  return {
    data: paperSchema.parse({ id: 'x', title: 'Title', day: '2026-07-30', source: 'text', ...data }),
    abstract,
  };
}

const HOSTILE = [
  'yes',
  'no',
  'on',
  'off',
  'y',
  'null',
  '~',
  'true',
  '1_000',
  '0x1F',
  '0o17',
  '1e3',
  '.inf',
  '1:30',
  '2024-01-01',
  '2024-01-01T10:00:00Z',
  ': leading colon',
  'key: value',
  '# not a comment',
  'a # b',
  '- leading dash',
  '---',
  '...',
  "it's",
  '"double"',
  "'single'",
  '[not, a, list]',
  '{not: a map}',
  '&anchor',
  '*alias',
  '!tag',
  '%directive',
  '@at',
  '`tick`',
  '<script>alert(1)</script>',
  "\\( x'(t) = Ax(t) + Bu(t) \\)",
  'tab\there',
  'Ünïcödé ✓ 漢字 🧬',
  '\u200bzero width',
  'trailing backslash \\',
  '|',
  '>',
  '=',
  '<<',
];

describe('serialiseRecord', () => {
  test('writes the schema key order, quoted days, no empty arrays, and the abstract as the body', () => {
    const text = serialiseRecord(
      record({
        id: '2401.01234',
        arxiv: '2401.01234',
        arxivVersion: 2,
        published: '2024-01-03',
        authors: ['A', 'B'],
        links: { code: 'https://github.com/x/y', abs: 'https://arxiv.org/abs/2401.01234' },
        source: 'arxiv',
      }),
    );
    expect(text).toBe(
      [
        '---',
        'id: "2401.01234"',
        'title: Title',
        "day: '2026-07-30'",
        'authors:',
        '  - A',
        '  - B',
        'arxiv: "2401.01234"',
        'arxivVersion: 2',
        "published: '2024-01-03'",
        'links:',
        '  abs: https://arxiv.org/abs/2401.01234',
        '  code: https://github.com/x/y',
        'source: arxiv',
        '---',
        'An abstract.',
        '',
      ].join('\n'),
    );
  });

  test('does not fold long strings', () => {
    const title = 'word '.repeat(60).trim();
    expect(serialiseRecord(record({ title }))).toContain(`title: ${title}\n`);
  });

  test.each(HOSTILE)('%j round-trips through yaml 1.1, yaml 1.2 and Astro’s frontmatter parser', (value) => {
    const original = record(
      { title: value, authors: [value], keywords: [value], summary: value, organization: value },
      `${value}\n\n---\n\n${value}`,
    );
    const text = serialiseRecord(original);
    // Our own reader.
    expect(readRecord(text)).toEqual({ ok: true, record: original });
    // The yaml package under YAML 1.2 (core schema).
    const file = parseRecordFile(text);
    if (!file.ok) throw new Error(file.message);
    const frontmatterText = text.slice(4, text.indexOf('\n---\n') + 1);
    expect(paperSchema.parse(YAML.parse(frontmatterText))).toEqual(original.data);
    // Astro's content layer (js-yaml, and its regex for where the frontmatter ends).
    const astro = parseFrontmatter(text);
    expect(paperSchema.parse(astro.frontmatter)).toEqual(original.data);
    expect(astro.content).toBe(`\n${original.abstract}\n`);
  });

  test('is byte-stable', () => {
    const a = record({ authors: ['x'], keywords: ['k'], upvotes: 3 });
    expect(serialiseRecord(a)).toBe(serialiseRecord(structuredClone(a)));
  });
});

describe('every character', () => {
  /** Whether Astro's frontmatter parser (js-yaml) reads a stored record back to the same title and author. */
  function astroReads(stored: PaperRecord): boolean {
    try {
      const frontmatter = parseFrontmatter(serialiseRecord(stored)).frontmatter as Record<string, unknown>;
      return (
        frontmatter.title === stored.data.title &&
        (frontmatter.authors as unknown[])[0] === stored.data.authors[0]
      );
    } catch {
      return false;
    }
  }

  test('js-yaml refuses only what findForbiddenCharacter finds; cleaned, every code point round-trips', () => {
    const codes = [
      ...Array.from({ length: 0x10000 }, (_, code) => code),
      ...[1, 2, 14, 15, 16].flatMap((plane) => [
        plane * 0x10000,
        plane * 0x10000 + 0xfffd,
        plane * 0x10000 + 0xfffe,
      ]),
    ];
    // 256 characters a record (each after an "a", so no two surrogates pair up); a refused record is
    // tried again one character at a time.
    const refused: number[] = [];
    const sample = (chars: number[]) => chars.map((code) => `a${String.fromCodePoint(code)}`).join('');
    for (let start = 0; start < codes.length; start += 256) {
      const chunk = codes.slice(start, start + 256);
      const raw = sample(chunk);
      if (!astroReads(record({ title: raw, authors: [raw] }, raw))) {
        for (const code of chunk) {
          const one = sample([code]);
          if (!astroReads(record({ title: one, authors: [one] }, one))) refused.push(code);
        }
      }
      // Trimmed, as the importer stores every text (the schema trims titles and names too).
      const clean = cleanText(raw).text.trim();
      const stored = record({ title: clean, authors: [clean] }, clean);
      const cleanFile = serialiseRecord(stored);
      expect(findForbiddenCharacter(cleanFile)).toBeUndefined();
      expect(astroReads(stored)).toBe(true);
      expect(readRecord(cleanFile)).toEqual({ ok: true, record: stored });
    }
    // U+FFFE and U+FFFF, exactly what the issue saw ("the stream contains non-printable characters").
    expect(refused.map((code) => code.toString(16))).toEqual(['fffe', 'ffff']);
    for (const code of refused) expect(findForbiddenCharacter(String.fromCodePoint(code))).toBeDefined();
  }, 60_000);
});

describe('parseRecordFile', () => {
  test.each([
    ['', 'no frontmatter'],
    ['title: x\n', 'no frontmatter'],
    ['---\ntitle: x\n', 'no closing'],
    ['---\ntitle: [x\n---\nbody\n', 'not valid YAML'],
  ])('refuses %j', (text, message) => {
    const result = parseRecordFile(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
  });

  test('reads CRLF files and hand-written unquoted days', () => {
    const result = readRecord(
      '---\r\nid: x\r\ntitle: T\r\nday: 2026-07-30\r\nsource: text\r\n---\r\nBody\r\n',
    );
    expect(result).toEqual({ ok: true, record: record({ title: 'T' }, 'Body') });
  });
});

describe('readRecord', () => {
  test.each([
    ["---\nid: x\ntitle: T\nday: '2026-13-01'\nsource: text\n---\nBody\n", 'day: not a real calendar day'],
    ['---\n- a list\n---\nBody\n', 'not a mapping'],
    ['---\nid: x\ntitle: T\nsource: text\n---\nBody\n', 'day:'],
  ])('reports %j as invalid', (text, message) => {
    const result = readRecord(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
  });
});

const CONTENT = fileURLToPath(new URL('../../../content/papers/', import.meta.url));
const contentFiles = readdirSync(CONTENT, { recursive: true, encoding: 'utf8' })
  .filter((name) => name.endsWith('.md'))
  .sort();

describe('the demo content in content/papers', () => {
  test('exists', () => {
    expect(contentFiles.length).toBeGreaterThan(0);
  });

  test.each(contentFiles)(
    '%s is read by Astro as a valid record named after its id and day',
    async (name) => {
      const text = await readFile(join(CONTENT, name), 'utf8');
      const data = paperSchema.parse(parseFrontmatter(text).frontmatter);
      expect(name).toBe(`${data.day}/${data.id}.md`);
      const ours = readRecord(text);
      expect(ours.ok && serialiseRecord(ours.record)).toBe(text);
    },
  );
});
