import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseFrontmatter } from '@astrojs/internal-helpers/frontmatter';
import { describe, expect, onTestFinished, test } from 'vitest';
import {
  fixture,
  readFixture,
  snapshotDir,
  tempContentDir,
  useTempContentDir,
} from '../../../tests/helpers.ts';
import { paperSchema } from '../model/paper.ts';
import { acquireStoreLock, StoreLockedError } from '../store/lock.ts';
import { readRecord, serialiseRecord } from '../store/record-file.ts';
import { type FileReport, formatFileLine, importFiles, loadTopicIds } from './run.ts';

const dir = useTempContentDir();
const inputs = useTempContentDir();

async function writeJson(name: string, value: unknown): Promise<string> {
  const path = join(inputs(), name);
  await writeFile(path, JSON.stringify(value));
  return path;
}

function hfItem(id: string, day: string, upvotes: number, extra: Record<string, unknown> = {}) {
  return {
    paper: {
      id,
      title: `Paper ${id}`,
      summary: `Abstract of ${id}.`,
      authors: [{ name: 'A' }, { name: 'B', hidden: true }],
      publishedAt: '2026-01-20T17:00:00.000Z',
      submittedOnDailyAt: `${day}T08:00:00.000Z`,
      upvotes,
      ...extra,
    },
  };
}

describe('importFiles', () => {
  test('a second run of the same files changes nothing: 0 new, 0 updated, every file byte-identical', async () => {
    const files = [
      fixture('hf-current.json'),
      fixture('hf-old-shape.json'),
      fixture('arxiv-legacy.atom.xml'),
      fixture('arxiv-current.atom.xml'),
      fixture('papers.jsonl'),
    ];
    const first = await importFiles(files, { format: 'auto', outDir: dir() });
    expect(first.total).toEqual({ new: 8, updated: 0, unchanged: 0, rejected: 8 });
    const before = await snapshotDir(dir());
    const second = await importFiles(files, { format: 'auto', outDir: dir() });
    expect(second.total).toEqual({ new: 0, updated: 0, unchanged: 8, rejected: 8 });
    expect(await snapshotDir(dir())).toEqual(before);
  });

  test('--dry-run reports the same counts and writes nothing', async () => {
    const files = [fixture('hf-current.json'), fixture('papers.jsonl')];
    const dry = await importFiles(files, { format: 'auto', outDir: dir(), dryRun: true });
    expect(await snapshotDir(dir())).toEqual(new Map());
    const real = await importFiles(files, { format: 'auto', outDir: dir() });
    expect(dry.files.map((file) => file.counts)).toEqual(real.files.map((file) => file.counts));
  });

  test('a refused file writes nothing', async () => {
    const report = await importFiles([fixture('hf-truncated.json')], { format: 'hf', outDir: dir() });
    expect(report.refusedFiles).toBe(1);
    expect(report.files[0]?.refused).toContain('not valid JSON');
    expect(existsSync(dir()) ? await readdir(dir()) : []).toEqual([]);
  });

  test('a later snapshot with higher upvotes updates; a smaller one removes nothing', async () => {
    const morning = await writeJson('morning.json', [
      hfItem('2601.00010', '2026-01-21', 3),
      hfItem('2601.00011', '2026-01-21', 1),
    ]);
    const evening = await writeJson('evening.json', [
      hfItem('2601.00010', '2026-01-21', 40, { githubRepo: 'https://github.com/x/y', githubStars: 5 }),
      hfItem('2601.00011', '2026-01-21', 1),
    ]);
    const smaller = await writeJson('smaller.json', [hfItem('2601.00011', '2026-01-21', 0)]);
    expect((await importFiles([morning], { format: 'hf', outDir: dir() })).total.new).toBe(2);
    expect((await importFiles([evening], { format: 'hf', outDir: dir() })).total).toEqual({
      new: 0,
      updated: 1,
      unchanged: 1,
      rejected: 0,
    });
    const updated = await readFile(join(dir(), '2026-01-21', '2601.00010.md'), 'utf8');
    expect(updated).toContain('upvotes: 40\n');
    expect(updated).toContain('code: https://github.com/x/y\n');
    expect((await importFiles([smaller], { format: 'hf', outDir: dir() })).total).toEqual({
      new: 0,
      updated: 0,
      unchanged: 1,
      rejected: 0,
    });
    expect((await readdir(join(dir(), '2026-01-21'))).sort()).toEqual(['2601.00010.md', '2601.00011.md']);
    // Fields the smaller snapshot lacks (the repo) and counts it has lower are kept.
    expect(await readFile(join(dir(), '2026-01-21', '2601.00010.md'), 'utf8')).toBe(updated);
  });

  test('a published paper keeps its day: a later import with an earlier day only adds what it knows', async () => {
    // Hugging Face listed it on 2026-01-22; an arXiv backfill then says it was submitted on 2026-01-19.
    const hf = await writeJson('hf.json', [
      hfItem('2601.00020', '2026-01-22', 9, { publishedAt: undefined }),
    ]);
    await importFiles([hf], { format: 'hf', outDir: dir() });
    const published = join(dir(), '2026-01-22', '2601.00020.md');
    expect(await readFile(published, 'utf8')).not.toContain('published:');
    const arxiv = join(inputs(), 'arxiv.jsonl');
    await writeFile(
      arxiv,
      `${JSON.stringify({ arxiv: '2601.00020v2', title: 'Paper 2601.00020', day: '2026-01-19', published: '2026-01-19', abstract: 'Abstract of 2601.00020.', source: 'arxiv' })}\n`,
    );
    const report = await importFiles([arxiv], { format: 'jsonl', outDir: dir() });
    expect(report.files[0]?.errors).toEqual([]);
    expect(report.total.updated).toBe(1);
    expect(report.files[0]?.notes).toContainEqual(
      expect.stringContaining('stays on 2026-01-22, the day it was published on (this source has 2026-01-19'),
    );
    expect(existsSync(join(dir(), '2026-01-19'))).toBe(false);
    const text = await readFile(published, 'utf8');
    expect(text).toContain("day: '2026-01-22'\n");
    expect(text).toContain("published: '2026-01-19'\n");
    expect(text).toContain('arxivVersion: 2\n');
    expect(text).toContain('upvotes: 9\n');
    // --date does not move it either, and the same files again change nothing.
    const dated = await importFiles([hf], { format: 'hf', outDir: dir(), date: '2026-01-20' });
    expect(dated.total).toMatchObject({ new: 0, unchanged: 1 });
    expect(await readFile(published, 'utf8')).toBe(text);
    expect((await importFiles([arxiv], { format: 'jsonl', outDir: dir() })).total.unchanged).toBe(1);
  });

  test('a retracted paper is skipped by later imports, with a note; its file is not written again', async () => {
    const hf = await writeJson('hf.json', [
      hfItem('2601.00030', '2026-01-21', 3),
      hfItem('2601.00031', '2026-01-21', 2),
    ]);
    // The tombstone `npm run retract` commits, written by hand: the record file is gone.
    await mkdir(join(dir(), 'retracted'), { recursive: true });
    await writeFile(
      join(dir(), 'retracted', '2601.00030.yaml'),
      'id: "2601.00030"\ntitle: Paper 2601.00030\nday: \'2026-01-21\'\narxiv: "2601.00030"\nretracted: \'2026-01-23\'\nreason: Withdrawn.\n',
    );
    const report = await importFiles([hf], { format: 'hf', outDir: dir() });
    expect(report.total).toEqual({ new: 1, updated: 0, unchanged: 0, rejected: 0 });
    expect(report.retracted).toBe(1);
    expect(formatFileLine(report.files[0] as FileReport)).toBe(
      'hf.json (hf): 1 new, 0 updated, 0 unchanged, 0 rejected, 1 retracted (skipped)',
    );
    expect(report.files[0]?.notes).toEqual([
      `hf.json: item 1 (2601.00030): skipped: "2601.00030" is retracted (${join(dir(), 'retracted', '2601.00030.yaml')}); \`npm run retract -- --undo 2601.00030\` takes it back`,
    ]);
    expect(existsSync(join(dir(), '2026-01-21', '2601.00030.md'))).toBe(false);
    expect(existsSync(join(dir(), '2026-01-21', '2601.00031.md'))).toBe(true);
  });

  test('a title, an author or an abstract made only of invisible characters is refused like an empty one', async () => {
    const lines = [
      { title: '\u200B\u200C\u200D', abstract: 'A.' },
      { id: 'named', title: '\u2060\u202E\uFE0F', abstract: 'A.' },
      { title: 'A Fine Title', authors: ['A. Author', '\u200B\u0301'], abstract: 'A.' },
      { title: 'Another Fine Title', abstract: '\u2800\u3164' },
      { title: 'Kept \u200B', summary: '\u200B', organization: '\u2066', abstract: 'A.' },
    ];
    const file = join(inputs(), 'invisible.jsonl');
    await writeFile(file, lines.map((line) => JSON.stringify({ day: '2026-07-30', ...line })).join('\n'));
    const report = await importFiles([file], { format: 'jsonl', outDir: dir() });
    expect(report.total).toEqual({ new: 1, updated: 0, unchanged: 0, rejected: 4 });
    expect(report.files[0]?.errors).toEqual([
      'invisible.jsonl: line 1: id: Invalid input: expected string, received undefined',
      'invisible.jsonl: line 1: title: must not be empty: it holds only invisible characters (U+200B U+200C U+200D)',
      'invisible.jsonl: line 2 (named): title: must not be empty: it holds only invisible characters (U+2060 U+202E U+FE0F)',
      'invisible.jsonl: line 3 (a-fine-title): authors.1: must not be empty: it holds only invisible characters (U+200B U+0301)',
      'invisible.jsonl: line 4 (another-fine-title): abstract: must not be empty: it holds only invisible characters (U+2800 U+3164)',
    ]);
    // Optional texts that show nothing are left out, as empty ones are.
    const kept = readRecord(await readFile(join(dir(), '2026-07-30', 'kept.md'), 'utf8'));
    expect(kept.ok && kept.record.data).toMatchObject({ title: 'Kept \u200B' });
    expect(kept.ok && kept.record.data.summary).toBeUndefined();
    expect(kept.ok && kept.record.data.organization).toBeUndefined();
  });

  test('leave no temporary file behind', async () => {
    await importFiles([fixture('hf-current.json')], { format: 'hf', outDir: dir() });
    const names = [...(await snapshotDir(dir())).keys()];
    expect(names.filter((name) => !name.endsWith('.md'))).toEqual([]);
  });
});

async function writeText(name: string, text: string | Uint8Array): Promise<string> {
  const path = join(inputs(), name);
  await writeFile(path, text);
  return path;
}

const jsonl = (...records: Record<string, unknown>[]) =>
  `${records.map((record) => JSON.stringify({ day: '2026-07-30', abstract: 'An abstract.', ...record })).join('\n')}\n`;

/** Every stored file: read back by our reader and by Astro's frontmatter parser, the same record. */
async function storedRecords() {
  const files = await snapshotDir(dir());
  return [...files]
    .filter(([name]) => name.endsWith('.md'))
    .map(([name, text]) => {
      const ours = readRecord(text);
      if (!ours.ok) throw new Error(`${name}: ${ours.message}`);
      expect(paperSchema.parse(parseFrontmatter(text).frontmatter)).toEqual(ours.record.data);
      expect(serialiseRecord(ours.record)).toBe(text);
      return { name, record: ours.record };
    });
}

describe('anything the importer writes, the build reads and renders', () => {
  test('non-characters and lone surrogates: cleaned with a note, readable by Astro, unchanged on re-import', async () => {
    const file = await writeText(
      'chars.jsonl',
      jsonl(
        { title: 'Bad \uFFFE title \uFFFF', authors: ['A\uFDD0', 'Lone \uD800'] },
        { title: 'Surrogates', abstract: 'Half \uDE00 of a pair' },
      ),
    );
    const first = await importFiles([file], { format: 'jsonl', outDir: dir() });
    expect(first.total).toEqual({ new: 2, updated: 0, unchanged: 0, rejected: 0 });
    expect(first.files[0]?.notes).toContainEqual(
      'chars.jsonl: line 1 (bad-title): title: removed Unicode non-characters (such as U+FFFE)',
    );
    const records = await storedRecords();
    expect(records.map(({ record }) => record.data.title).sort()).toEqual(['Bad  title', 'Surrogates']);
    expect(records.find(({ record }) => record.data.title === 'Surrogates')?.record.abstract).toBe(
      'Half \uFFFD of a pair',
    );
    const again = await importFiles([file], { format: 'jsonl', outDir: dir() });
    expect(again.total).toEqual({ new: 0, updated: 0, unchanged: 2, rejected: 0 });
  });

  test('a record the site could only show as plain text is rejected, naming the field and the reason', async () => {
    const file = await writeText(
      'deep.jsonl',
      jsonl(
        { title: 'Quotes', abstract: `${'> '.repeat(3_000)}deep` },
        { title: 'Lists', abstract: `${'- '.repeat(1_000)}deep` },
        { title: `Braces $${'{'.repeat(3_000)}x${'}'.repeat(3_000)}$` },
        { title: `Braces within the limit $${'{'.repeat(480)}x${'}'.repeat(480)}$` },
        { title: 'Emphasis', abstract: '*a '.repeat(2_000) },
        { title: 'Fine $x^2$', abstract: 'Fine $y$.' },
      ),
    );
    const report = await importFiles([file], { format: 'jsonl', outDir: dir() });
    expect(report.total).toEqual({ new: 2, updated: 0, unchanged: 0, rejected: 4 });
    expect(report.files[0]?.errors).toEqual([
      'deep.jsonl: line 1 (quotes): abstract: the site could not render it in full (it would show it as plain text): a line opens 3000 block quotes or lists (limit 16)',
      expect.stringMatching(/^deep\.jsonl: line 2 \(lists\): abstract: the site could not render it in full/),
      "deep.jsonl: line 3 (braces-x): title: 6,010 characters, more than the 1,000 a record's title may have",
      expect.stringMatching(
        /^deep\.jsonl: line 5 \(emphasis\): abstract: the site could not render it in full/,
      ),
    ]);
    // Within the limits, a formula nested too deeply renders as its TeX source: inert, and fine.
    expect((await storedRecords()).map(({ name }) => name).sort()).toEqual([
      '2026-07-30/braces-within-the-limit-x.md',
      '2026-07-30/fine-x-2.md',
    ]);
  });

  test('topics the taxonomy lacks are dropped with a note; the taxonomy is content/topics.yaml', async () => {
    const topics = await loadTopicIds();
    expect(topics.has('science')).toBe(true);
    const file = await writeText('topics.jsonl', jsonl({ title: 'T', topics: ['science', 'no-such-topic'] }));
    const report = await importFiles([file], { format: 'jsonl', outDir: dir() });
    expect(report.total.new).toBe(1);
    expect(report.files[0]?.notes).toEqual([
      'topics.jsonl: line 1 (t): topics: dropped "no-such-topic": not a topic of content/topics.yaml',
    ]);
    expect((await storedRecords())[0]?.record.data.topics).toEqual(['science']);
  });

  test('a maintainer’s excludedTopics are stored, and a later import without them keeps them', async () => {
    const corrected = {
      arxiv: '2401.01234',
      title: 'Agents for proteins',
      day: '2026-07-30',
      abstract: 'A.',
    };
    const first = await writeText(
      'fix.jsonl',
      jsonl({ ...corrected, topics: ['science'], excludedTopics: ['agents'] }),
    );
    await importFiles([first], { format: 'jsonl', outDir: dir() });
    const stored = await readFile(join(dir(), '2026-07-30', '2401.01234.md'), 'utf8');
    expect(stored).toMatch(/\ntopics:\n {2}- science\nexcludedTopics:\n {2}- agents\n/);

    const again = await writeText('again.jsonl', jsonl({ ...corrected, upvotes: 3 }));
    const report = await importFiles([again], { format: 'jsonl', outDir: dir() });
    expect(report.total.updated).toBe(1);
    const record = (await storedRecords())[0]?.record.data;
    expect(record?.upvotes).toBe(3);
    expect(record?.excludedTopics).toEqual(['agents']);
    expect(record?.topics).toEqual(['science']);
  });
});

describe('file encodings', () => {
  test('a Hugging Face file with a UTF-8 byte order mark is imported', async () => {
    const file = await writeText('bom.json', `\uFEFF${await readFixture('hf-old-shape.json')}`);
    for (const format of ['hf', 'auto'] as const) {
      const report = await importFiles([file], { format, outDir: dir(), dryRun: true });
      expect(report.files[0]?.refused).toBeUndefined();
      expect(report.total.new).toBe(1);
    }
  });

  test('a Latin-1 file is refused, naming the byte offset, and nothing is written', async () => {
    const head = new TextEncoder().encode('{"title": "Caf');
    const file = await writeText(
      'latin1.jsonl',
      Uint8Array.from([
        ...head,
        0xe9,
        ...new TextEncoder().encode('", "day": "2026-07-30", "abstract": "x"}\n'),
      ]),
    );
    const report = await importFiles([file], { format: 'auto', outDir: dir() });
    expect(report.refusedFiles).toBe(1);
    expect(report.files[0]?.refused).toBe(
      'not valid UTF-8: byte 0xE9 at offset 14 (line 1, byte 15 of the line) is not part of a UTF-8 character; is it Latin-1 or Windows-1252? Save it as UTF-8',
    );
    expect(await storedRecords()).toEqual([]);
  });
});

describe('the store', () => {
  test('is locked for the whole run: a second run waits, then says who holds it', async () => {
    const lock = await acquireStoreLock(dir(), { command: 'node src/lib/import/cli.ts other.json' });
    const file = await writeText('one.jsonl', jsonl({ title: 'One' }));
    const waits: string[] = [];
    const error = await importFiles([file], {
      format: 'jsonl',
      outDir: dir(),
      lockWaitMs: 200,
      onLockWait: (message) => waits.push(message),
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreLockedError);
    expect((error as Error).message).toMatch(
      new RegExp(
        `^the store ${dir()} is locked by another import: pid ${process.pid} on host .+, running since .+ \\(node src/lib/import/cli\\.ts other\\.json\\); waited 0\\.2 s for it\\. Run again when it has finished; if no import is running, delete ${dir()}/\\.paperboy-import\\.lock$`,
      ),
    );
    expect(waits).toHaveLength(1);
    expect(await storedRecords()).toEqual([]);
    await lock.release();
    expect((await importFiles([file], { format: 'jsonl', outDir: dir() })).total.new).toBe(1);
    expect(existsSync(join(dir(), '.paperboy-import.lock'))).toBe(false);
  });

  test('two runs at once in one process: both complete, one after the other, every paper once', async () => {
    const a = await writeText(
      'a.jsonl',
      jsonl(...Array.from({ length: 20 }, (_, i) => ({ title: `A ${i}` }))),
    );
    const b = await writeText(
      'b.jsonl',
      jsonl(...Array.from({ length: 20 }, (_, i) => ({ title: `B ${i}` }))),
    );
    const [ra, rb] = await Promise.all([
      importFiles([a], { format: 'jsonl', outDir: dir() }),
      importFiles([b], { format: 'jsonl', outDir: dir() }),
    ]);
    expect(ra.total.new + rb.total.new).toBe(40);
    expect(await storedRecords()).toHaveLength(40);
  });

  test('a paper left on two days is repaired before importing, and the run says so', async () => {
    const paper = (day: string, upvotes: number) => ({
      data: paperSchema.parse({
        id: '2601.00030',
        title: 'Twice',
        arxiv: '2601.00030',
        day,
        upvotes,
        source: 'hf',
      }),
      abstract: 'A.',
    });
    for (const [day, upvotes] of [
      ['2026-01-21', 2],
      ['2026-01-22', 9],
    ] as const) {
      await mkdir(join(dir(), day), { recursive: true });
      await writeFile(join(dir(), day, '2601.00030.md'), serialiseRecord(paper(day, upvotes)));
    }
    const file = await writeJson('other.json', [hfItem('2601.00031', '2026-01-21', 1)]);
    const report = await importFiles([file], { format: 'hf', outDir: dir() });
    expect(report.repairs).toEqual([
      'repaired "2601.00030": it was stored on 2026-01-21 and 2026-01-22; kept 2026-01-21/2601.00030.md (the records merged) and removed 2026-01-22/2601.00030.md',
    ]);
    expect(report.total.new).toBe(1);
    const stored = await storedRecords();
    expect(stored.map(({ name }) => name).sort()).toEqual([
      '2026-01-21/2601.00030.md',
      '2026-01-21/2601.00031.md',
    ]);
    expect(stored.find(({ name }) => name.includes('00030'))?.record.data.upvotes).toBe(9);
  });

  test('a symlinked day folder is not written through: its papers are rejected with the reason', async () => {
    const outside = await tempContentDir();
    onTestFinished(outside.cleanup);
    await mkdir(dir(), { recursive: true });
    await symlink(outside.dir, join(dir(), '2026-07-30'));
    const file = await writeText(
      'sym.jsonl',
      jsonl({ title: 'Through' }, { title: 'Elsewhere', day: '2026-07-31' }),
    );
    const report = await importFiles([file], { format: 'jsonl', outDir: dir() });
    expect(report.total).toEqual({ new: 1, updated: 0, unchanged: 0, rejected: 1 });
    expect(report.storeProblems).toEqual([expect.stringContaining('2026-07-30 is a symbolic link')]);
    expect(report.files[0]?.errors).toEqual([
      expect.stringMatching(
        /^sym\.jsonl: line 1 \(through\): .*2026-07-30 is a symbolic link, not a folder of the store/,
      ),
    ]);
    expect(await readdir(outside.dir)).toEqual([]);
  });

  test('ids that differ only in case, and device names, never become colliding files', async () => {
    const file = await writeText(
      'ids.jsonl',
      jsonl(
        { id: 'Same-Id', title: 'First' },
        { id: 'same-id', title: 'Second' },
        { id: 'SAME-ID', title: 'Third' },
        { id: 'nul', title: 'Device' },
        { title: 'Aux' },
      ),
    );
    const report = await importFiles([file], { format: 'jsonl', outDir: dir() });
    expect(report.total).toEqual({ new: 4, updated: 0, unchanged: 0, rejected: 1 });
    const names = (await storedRecords()).map(({ name }) => name.toLowerCase()).sort();
    expect(names).toEqual([
      '2026-07-30/aux-paper.md',
      '2026-07-30/same-id-2.md',
      '2026-07-30/same-id-3.md',
      '2026-07-30/same-id.md',
    ]);
    expect(new Set(names).size).toBe(names.length);
    expect(report.files[0]?.errors).toEqual([
      expect.stringContaining('line 4 (nul): id: is a device name on Windows'),
    ]);
  });
});
