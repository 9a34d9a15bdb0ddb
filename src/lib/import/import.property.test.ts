import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseFrontmatter } from '@astrojs/internal-helpers/frontmatter';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  anyChar,
  deepNesting,
  hostileText,
  longRun,
  markdownSoup,
  mathText,
} from '../../../tests/arbitraries.ts';
import { storedFiles, tempContentDir } from '../../../tests/helpers.ts';
import { unsafeMarkup } from '../../../tests/safe-html.ts';
import { testSettings } from '../../../tests/test-settings.ts';
import { FIELD_LIMITS } from '../model/limits.ts';
import { paperSchema } from '../model/paper.ts';
import { findForbiddenCharacter } from '../model/text.ts';
import { renderAbstract } from '../render/abstract.ts';
import { checkRenderable } from '../render/check.ts';
import { plainText } from '../render/plain-text.ts';
import { renderTitle } from '../render/title.ts';
import { readRecord, serialiseRecord } from '../store/record-file.ts';
import { type ImportReport, importFiles, loadTopicIds } from './run.ts';

/**
 * Properties of the whole import on generated hostile records, in every source format (JSON Lines,
 * Hugging Face JSON, arXiv Atom, text digest): parse → normalise → validate → write → read → render.
 * For every generated file the importer either refuses it or rejects a record with a message in the
 * `<file>: <position> (<id>): <field>: <reason>` form, or writes a file that
 * - reads back as exactly the record that was written (`serialiseRecord(readRecord(text)) === text`),
 * - Astro's own frontmatter parser (js-yaml) reads, to the same data,
 * - holds no character a reader refuses, and
 * - renders in full within the render budget, with nothing executable in it;
 * importing the same file again changes nothing, and no exception escapes.
 *
 * Fixed seed (PAPERBOY_PROPERTY_SEED in tests/test-settings.ts). Each generated input here is a whole file
 * imported twice into a fresh store, so these properties run a fifth of PAPERBOY_PROPERTY_RUNS inputs
 * each (100 by default, about a minute in all on two cores); to hunt longer:
 * `PAPERBOY_PROPERTY_RUNS=10000 npx vitest run src/lib/import/import.property.test.ts`. A failure
 * prints the seed and path that replay it.
 */

const numRuns = Math.max(1, Math.round(testSettings.propertyRuns / 5));
const runs = { numRuns, seed: testSettings.propertySeed, endOnFailure: true };
const timeout = 60_000 + numRuns * 2_000;

type Format = 'jsonl' | 'hf' | 'arxiv' | 'text';
const FORMATS: readonly Format[] = ['jsonl', 'hf', 'arxiv', 'text'];
const EXTENSIONS: Record<Format, string> = { jsonl: 'jsonl', hf: 'json', arxiv: 'atom.xml', text: 'txt' };

/** A generated record, in the JSON Lines shape; other formats carry what they can of it. */
interface Generated {
  id?: string;
  title: string;
  abstract: string;
  authors?: string[];
  keywords?: string[];
  categories?: string[];
  topics?: string[];
  summary?: string;
  organization?: string;
  links?: Record<string, string>;
  thumbnail?: string;
}

/** Per class: records generated, rejected with a message, imported; files refused; files written. */
interface Tally {
  cases: number;
  records: number;
  rejected: number;
  imported: number;
  refusedFiles: number;
  written: number;
  /** Notes on imported records: fields cleaned, URLs and topics dropped, lists cut. */
  notes: number;
  slowestMs: number;
}
const tallies = new Map<string, Tally>();
let topics: Set<string>;
let scratch: { dir: string; cleanup: () => Promise<void> };

beforeAll(async () => {
  topics = await loadTopicIds();
  scratch = await tempContentDir();
});

afterAll(async () => {
  await scratch.cleanup();
  for (const [name, tally] of tallies)
    console.info(
      `import properties, ${name} (seed ${testSettings.propertySeed}): ${tally.cases} files, ${tally.records} records; ` +
        `${tally.rejected} rejected with a message (${tally.refusedFiles} files refused whole), ${tally.imported} imported, ` +
        `${tally.written} files written, ${tally.notes} notes (fields cleaned, URLs or topics dropped, lists cut); slowest import ${Math.round(tally.slowestMs)} ms`,
    );
});

// --- generators -------------------------------------------------------------------------------------

const anyText = (maxLength: number) => fc.string({ unit: anyChar, maxLength });

/** Text with every kind of character, cut to `max` characters. */
const shortText = (max: number) =>
  fc.oneof(
    anyText(max),
    markdownSoup.map((text) => text.slice(0, max)),
    mathText.map((text) => text.slice(0, max)),
  );

const taxonomyTopic = fc.constantFrom('science', 'nlp', 'surveys', 'other', 'architectures');

/** Class 1: any Unicode (non-characters, surrogates, controls), deep nesting, math, unknown topics. */
const unicodeRecord: fc.Arbitrary<Generated> = fc.record(
  {
    title: shortText(200),
    abstract: hostileText,
    authors: fc.array(anyText(40), { maxLength: 4 }),
    keywords: fc.array(anyText(30), { maxLength: 3 }),
    categories: fc.array(fc.oneof(fc.constantFrom('cs.CL', 'q-bio.BM'), anyText(10)), { maxLength: 2 }),
    topics: fc.array(fc.oneof(taxonomyTopic, fc.constantFrom('no-such-topic', 'Science'), anyText(12)), {
      maxLength: 3,
    }),
    summary: anyText(120),
    organization: anyText(40),
  },
  { requiredKeys: ['title', 'abstract'] },
);

/** Text of about `limit` characters: a long run, soup or any characters, just under or over the limit. */
const nearLimit = (limit: number) =>
  fc
    .tuple(
      fc.oneof(
        fc.constantFrom(' ', '.', '[', '*', '$', 'a', '\u00A0', '\uFFFE', '😀', '> ', '- ', 'é'),
        anyChar,
      ),
      fc.integer({ min: limit - 20, max: limit + 20 }),
      fc.constantFrom('Title ', 'x', ''),
    )
    .map(([unit, length, prefix]) =>
      `${prefix}${unit.repeat(Math.ceil(length / unit.length))}`.slice(0, length),
    );

/** Class 2: fields at and past their limits, long runs, deep nesting, many list items. */
const sizeRecord: fc.Arbitrary<Generated> = fc.record(
  {
    title: fc.oneof(nearLimit(FIELD_LIMITS.title), shortText(80)),
    abstract: fc.oneof(nearLimit(FIELD_LIMITS.abstract), longRun, deepNesting, hostileText),
    // Whole lists at their limits are costly to write and read: one case in five.
    authors: fc.oneof(
      { weight: 4, arbitrary: fc.array(nearLimit(FIELD_LIMITS.author), { maxLength: 3 }) },
      {
        weight: 1,
        arbitrary: fc
          .integer({ min: FIELD_LIMITS.authors - 2, max: FIELD_LIMITS.authors + 2 })
          .map((count) => Array.from({ length: count }, (_, index) => `Author ${index}`)),
      },
    ),
    keywords: fc.oneof(
      { weight: 4, arbitrary: fc.array(nearLimit(FIELD_LIMITS.keyword), { maxLength: 2 }) },
      {
        weight: 1,
        arbitrary: fc
          .integer({ min: FIELD_LIMITS.keywords - 5, max: FIELD_LIMITS.keywords + 5 })
          .map((count) => Array.from({ length: count }, (_, index) => `k${index}`)),
      },
    ),
    summary: nearLimit(FIELD_LIMITS.summary),
    organization: nearLimit(FIELD_LIMITS.organization),
  },
  { requiredKeys: ['title', 'abstract'] },
);

/** URLs as sources give them, and as an attacker would: no `//`, controls, spaces, long, other schemes. */
const hostileUrl: fc.Arbitrary<string> = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.constantFrom(
    'https:evil.example/x',
    'https:/evil.example/x',
    'https:///evil.example',
    'https:\\\\evil.example',
    '//evil.example/x',
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'http://',
    ' https://padded.example/ ',
    'https://exa mple.org/',
    'https://example.org/\u0000\u0007\u001b',
    'https://example.org/\n---\ntitle: injected',
    'https://example.org/\u2028x',
    'https://example.org/\uFFFE',
    'https://example.org/\uD800',
    `https://example.org/${'a'.repeat(FIELD_LIMITS.url)}`,
    `https://example.org/${'a'.repeat(FIELD_LIMITS.url - 21)}`,
    'https://example.org/image.png',
  ),
  fc
    .tuple(fc.webUrl(), fc.nat(), anyChar)
    .map(
      ([url, at, char]) => `${url.slice(0, at % (url.length + 1))}${char}${url.slice(at % (url.length + 1))}`,
    ),
);

/** Class 3: every URL field, hostile. */
const urlRecord: fc.Arbitrary<Generated> = fc.record(
  {
    title: shortText(60),
    abstract: fc.oneof(
      hostileUrl.map((url) => `Code is available at ${url}.`),
      fc.array(hostileUrl, { maxLength: 4 }).map((urls) => `See ${urls.join(' and ')}`),
      hostileText,
    ),
    links: fc.record(
      {
        code: hostileUrl,
        project: hostileUrl,
        html: hostileUrl,
        hf: hostileUrl,
        abs: hostileUrl,
        pdf: hostileUrl,
      },
      { requiredKeys: [] },
    ),
    thumbnail: hostileUrl,
  },
  { requiredKeys: ['title', 'abstract'] },
);

/** Windows device names in any case, with or without an extension, and ids that differ only in case. */
const hostileId = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('con', 'prn', 'aux', 'nul', 'com1', 'com9', 'lpt1', 'lpt9', 'com0'),
      fc.constantFrom('', '.md', '.tar.gz', '.x'),
      fc.boolean(),
    )
    .map(([name, extension, upper]) => `${upper ? name.toUpperCase() : name}${extension}`),
  fc.constantFrom('Same-Id', 'same-id', 'SAME-ID', 'same-Id'),
  fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,20}$/),
  anyText(20),
);

/** Class 6: device names and case-only ids, lone surrogates, entities and XHTML (in arXiv's text). */
const smallerRecord: fc.Arbitrary<Generated> = fc.record(
  {
    id: hostileId,
    title: fc.oneof(
      shortText(60),
      fc.constantFrom('Con', 'AUX', 'nul', 'Caf&#233; &amp; cr&#xE8;me', 'A <i>bold</i>  claim', 'Same Id'),
    ),
    abstract: fc.oneof(
      fc.constantFrom('Half \uD83D of a pair', 'Na&#239;ve &#x1F600; &#0; &#xD800; &unknown;', '\uDE00'),
      hostileText,
    ),
    authors: fc.array(
      fc.oneof(anyText(20), fc.constantFrom('Jos&#233; <span>van</span>  Dam', '<b>Only</b> <i>Markup</i>')),
      { maxLength: 3 },
    ),
  },
  { requiredKeys: ['title', 'abstract'] },
);

// --- writing generated records in each source format -------------------------------------------------

/** XML text content: `&` and `<` escaped; generated entity references and tags (`&#233;`, `<i>`) kept. */
function xmlText(text: string, markup: boolean): string {
  if (markup && /^[^<>&]*(?:(?:&#?\w+;|<\/?[a-z]+>)[^<>&]*)*$/.test(text)) return text;
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const arxivId = (index: number) => `2601.${String(50_000 + index).padStart(5, '0')}`;

function writeFormat(format: Format, records: Generated[]): string {
  switch (format) {
    case 'jsonl':
      return records.map((record) => JSON.stringify({ day: '2026-07-30', ...record })).join('\n');
    case 'hf':
      return JSON.stringify(
        records.map((record, index) => ({
          paper: {
            id: arxivId(index),
            title: record.title,
            summary: record.abstract,
            authors: (record.authors ?? []).map((name) => ({ name })),
            submittedOnDailyAt: '2026-07-30T08:00:00.000Z',
            ai_keywords: record.keywords,
            ai_summary: record.summary,
            githubRepo: record.links?.code,
            projectPage: record.links?.project,
            upvotes: index,
          },
          thumbnail: record.thumbnail,
          organization: record.organization === undefined ? undefined : { fullname: record.organization },
        })),
      );
    case 'arxiv':
      return [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">',
        ...records.map((record, index) =>
          [
            `<entry><id>http://arxiv.org/abs/${arxivId(index)}v1</id><published>2026-07-29T00:00:00Z</published>`,
            `<title>${xmlText(record.title, true)}</title><summary>${xmlText(record.abstract, true)}</summary>`,
            ...(record.authors ?? []).map((name) => `<author><name>${xmlText(name, true)}</name></author>`),
            ...(record.categories ?? []).map(
              (term) => `<category term="${xmlText(term, false).replace(/"/g, '&quot;')}"/>`,
            ),
            '</entry>',
          ].join(''),
        ),
        '</feed>',
      ].join('\n');
    case 'text':
      return `Jul 30, 2026\n\n${records.map((record) => `${record.title}\n\n${record.abstract}\n`).join('\n')}`;
  }
}

// --- the property -------------------------------------------------------------------------------------

const ERROR_LINE = /^case\.[a-z.]+: (?:line|item|entry) \d+(?: \(.+?\))?: .+/s;

function counted(report: ImportReport) {
  const { new: added, updated, unchanged, rejected } = report.total;
  return { added, updated, unchanged, rejected, imported: added + updated + unchanged };
}

/** Checks one stored file against every promise the importer makes about it. */
function checkStoredFile(name: string, text: string): void {
  const read = readRecord(text);
  if (!read.ok) throw new Error(`${name}: our reader refuses it: ${read.message}`);
  expect(serialiseRecord(read.record)).toBe(text);
  expect(findForbiddenCharacter(text)).toBeUndefined();
  // Astro's frontmatter parser: js-yaml, and its own idea of where the frontmatter ends.
  const astro = parseFrontmatter(text);
  expect(paperSchema.parse(astro.frontmatter)).toEqual(read.record.data);
  expect(astro.content).toBe(`\n${read.record.abstract}\n`);
  const { title } = read.record.data;
  expect(checkRenderable({ title, abstract: read.record.abstract })).toEqual([]);
  expect(unsafeMarkup(renderAbstract(read.record.abstract))).toEqual([]);
  expect(unsafeMarkup(renderAbstract(read.record.abstract, 'mathml'))).toEqual([]);
  expect(unsafeMarkup(renderTitle(title))).toEqual([]);
  plainText(read.record.abstract);
}

function newTally(name: string): Tally {
  const tally = {
    cases: 0,
    records: 0,
    rejected: 0,
    imported: 0,
    refusedFiles: 0,
    written: 0,
    notes: 0,
    slowestMs: 0,
  };
  tallies.set(name, tally);
  return tally;
}

/** One case's input file written into the scratch folder, and an empty store beside it. */
async function freshCase(
  format: Format,
  contents: string | Uint8Array,
): Promise<{ dir: string; file: string }> {
  const dir = join(scratch.dir, 'store');
  const file = join(scratch.dir, `case.${EXTENSIONS[format]}`);
  await rm(dir, { recursive: true, force: true });
  await writeFile(file, contents);
  return { dir, file };
}

function importProperty(name: string, record: fc.Arbitrary<Generated>, formats: readonly Format[] = FORMATS) {
  const tally = newTally(name);
  return fc.asyncProperty(
    fc.constantFrom(...formats),
    fc.array(record, { minLength: 1, maxLength: 3 }),
    fc.boolean(),
    async (format, generated, bom) => {
      // Distinct titles: two records of one file are never the same paper.
      const records = generated.map((item, index) => ({ ...item, title: `P${index} ${item.title}` }));
      const { dir, file } = await freshCase(format, `${bom ? '\uFEFF' : ''}${writeFormat(format, records)}`);
      const options = { format, outDir: dir, topics, lockWaitMs: 0 } as const;
      const start = performance.now();
      const first = await importFiles([file], options);
      tally.slowestMs = Math.max(tally.slowestMs, performance.now() - start);
      tally.cases++;
      tally.records += records.length;
      const files = await storedFiles(dir);
      const counts = counted(first);
      const fileReport = first.files[0];
      if (fileReport?.refused !== undefined) {
        // Refused whole, with one message, and nothing written.
        expect(fileReport.refused).not.toBe('');
        expect(files).toEqual([]);
        tally.refusedFiles++;
        tally.rejected += records.length;
        return;
      }
      // Every rejection has a message of the documented shape; nothing is counted that was not written.
      for (const error of fileReport?.errors ?? []) expect(error).toMatch(ERROR_LINE);
      if (counts.rejected > 0) expect(fileReport?.errors.length).toBeGreaterThanOrEqual(counts.rejected);
      expect(files).toHaveLength(counts.added);
      // A text digest's blocks are found by layout, so its records need not be the generated ones.
      if (format !== 'text') expect(counts.imported + counts.rejected).toBe(records.length);
      tally.rejected += counts.rejected;
      tally.imported += counts.imported;
      tally.written += files.length;
      tally.notes += fileReport?.notes.length ?? 0;
      for (const { day, id } of files) {
        const text = await readFile(join(dir, day, `${id}.md`), 'utf8');
        checkStoredFile(`${day}/${id}.md`, text);
      }
      // Idempotent: the same file again changes nothing (unless it holds one paper twice, when the
      // last one wins each time).
      if (counts.updated === 0) {
        const again = counted(await importFiles([file], options));
        expect(again).toEqual({ ...counts, added: 0, updated: 0, unchanged: counts.imported });
      }
    },
  );
}

describe('importing generated records: rejected with a message, or written, read back and rendered', () => {
  test(
    'class 1: any Unicode (non-characters, surrogates, controls), deep Markdown, math, topics',
    async () => {
      await fc.assert(importProperty('class 1 (characters, topics, rendering)', unicodeRecord), runs);
    },
    timeout,
  );

  test(
    'class 2: fields at and past their limits, long runs, deep nesting',
    async () => {
      await fc.assert(importProperty('class 2 (sizes)', sizeRecord), runs);
    },
    timeout,
  );

  test(
    'class 3: hostile URLs in every link field and the thumbnail',
    async () => {
      await fc.assert(importProperty('class 3 (URLs)', urlRecord, ['jsonl', 'hf']), runs);
    },
    timeout,
  );

  test(
    'class 6: device names, case-only ids, lone surrogates, character references and XHTML',
    async () => {
      await fc.assert(importProperty('class 6 (ids, encodings, entities)', smallerRecord), runs);
    },
    timeout,
  );

  test(
    'class 6: a file that is not UTF-8 is refused, naming the offset of its first bad byte',
    async () => {
      const tally = newTally('class 6 (not UTF-8)');
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...FORMATS),
          fc.array(unicodeRecord, { minLength: 1, maxLength: 2 }),
          fc.nat(),
          fc.integer({ min: 0x80, max: 0xff }),
          async (format, records, at, latin1) => {
            const encoded = new TextEncoder().encode(writeFormat(format, records));
            // A Latin-1 byte on a character boundary (never inside a UTF-8 sequence).
            let offset = at % (encoded.length + 1);
            while (offset < encoded.length && ((encoded[offset] as number) & 0xc0) === 0x80) offset++;
            const bytes = Uint8Array.from([
              ...encoded.slice(0, offset),
              latin1,
              0x20,
              ...encoded.slice(offset),
            ]);
            const { dir, file } = await freshCase(format, bytes);
            const report = await importFiles([file], { format: 'auto', outDir: dir, topics, lockWaitMs: 0 });
            tally.cases++;
            tally.records += records.length;
            tally.refusedFiles++;
            tally.rejected += records.length;
            expect(report.files[0]?.refused).toMatch(
              new RegExp(
                `^not valid UTF-8: byte 0x${latin1.toString(16).toUpperCase()} at offset ${offset} \\(line \\d+, byte \\d+ of the line\\)`,
              ),
            );
            expect(await storedFiles(dir)).toEqual([]);
          },
        ),
        runs,
      );
    },
    timeout,
  );
});
