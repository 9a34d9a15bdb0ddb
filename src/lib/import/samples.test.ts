import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { HAS_SHARED, needsShared, SAMPLES, snapshotDir, useTempContentDir } from '../../../tests/helpers.ts';
import { readRecord } from '../store/record-file.ts';
import { importFiles } from './run.ts';

/** Imports every real sample in ../shared/data/samples (skipped where ../shared is absent). */

const sample = (name: string) => join(SAMPLES, name);

async function stored(dir: string, day: string, id: string) {
  const result = readRecord(await readFile(join(dir, day, `${id}.md`), 'utf8'));
  if (!result.ok) throw new Error(result.message);
  return result.record;
}

// The first import loads the renderers (KaTeX, the Markdown pipeline): seconds on a loaded machine.
describe.skipIf(!HAS_SHARED)(
  needsShared('real samples from ../shared/data/samples'),
  { timeout: 60_000 },
  () => {
    const dir = useTempContentDir('all');

    test('the Hugging Face response: 16 papers on their submission day, authors in order', async () => {
      const report = await importFiles([sample('hf-daily-papers-2026-01-21.json')], {
        format: 'auto',
        outDir: dir(),
      });
      expect(report.files[0]).toMatchObject({
        format: 'hf',
        counts: { new: 16, updated: 0, unchanged: 0, rejected: 0 },
        errors: [],
      });
      const json = JSON.parse(await readFile(sample('hf-daily-papers-2026-01-21.json'), 'utf8')) as {
        paper: { id: string; authors: { name: string }[]; upvotes: number; title: string };
      }[];
      const files = [...(await snapshotDir(dir())).keys()].sort();
      expect(files).toEqual(json.map((item) => `2026-01-21/${item.paper.id}.md`).sort());
      for (const item of json) {
        const record = await stored(dir(), '2026-01-21', item.paper.id);
        expect(record.data.arxiv).toBe(item.paper.id);
        expect(record.data.day).toBe('2026-01-21');
        expect(record.data.authors).toEqual(item.paper.authors.map((author) => author.name.trim()));
        expect(record.data.upvotes).toBe(item.paper.upvotes);
        expect(record.data.links.hf).toBe(`https://huggingface.co/papers/${item.paper.id}`);
        expect(record.data.title).not.toMatch(/\n/);
      }
      const first = await stored(dir(), '2026-01-21', '2601.11655');
      expect(first.data).toMatchObject({
        published: '2026-01-15',
        githubStars: 8,
        organization: 'DeepSoftwareAnalytics',
        links: { code: 'https://github.com/DeepSoftwareAnalytics/Awesome-Issue-Resolution' },
      });
      expect(first.data.keywords.length).toBeGreaterThan(0);
      expect(first.data.summary).toBeDefined();
      expect(first.data.thumbnail).toMatch(/^https:\/\//);
    });

    test('the dump written as Python reprs is read as such, with a note; its day comes from --date', async () => {
      const file = sample('hf-daily-papers-2024-12-11-malformed.json');
      const undated = await importFiles([file], { format: 'auto', dryRun: true, outDir: dir() });
      // Its items carry no submittedOnDailyAt: without --date each says so.
      expect(undated.files[0]?.counts.rejected).toBe(26);
      expect(undated.files[0]?.errors[0]).toContain('pass --date to set the day');
      const report = await importFiles([file], { format: 'auto', date: '2024-12-11', outDir: dir() });
      expect(report.files[0]).toMatchObject({
        format: 'hf',
        counts: { new: 26, updated: 0, unchanged: 0, rejected: 0 },
        errors: [],
      });
      expect(report.files[0]?.notes[0]).toBe(
        'hf-daily-papers-2024-12-11-malformed.json: all 26 items are Python reprs (written with str() instead of JSON): read as Python literals',
      );
      // As Python's ast.literal_eval reads the first item.
      const first = await stored(dir(), '2024-12-11', '2412.07730');
      expect(first.data.title).toBe('STIV: Scalable Text and Image Conditioned Video Generation');
      expect(first.data.authors).toHaveLength(17);
      expect(first.data.authors[0]).toBe('Zongyu Lin');
    });

    test('both arXiv serializers: 10 entries each, old-style ids as valid file names, same query merges', async () => {
      const legacy = await importFiles([sample('arxiv-api-query-2025-08-legacy.atom.xml')], {
        format: 'auto',
        outDir: dir(),
      });
      expect(legacy.files[0]).toMatchObject({ format: 'arxiv', counts: { new: 10, rejected: 0 } });
      const nucl = await stored(dir(), '1994-11-08', 'hep-ph_9411242');
      expect(nucl.data).toMatchObject({
        arxiv: 'hep-ph/9411242',
        arxivVersion: 1,
        authors: ['Raimo Vuopionperä'],
        categories: ['hep-ph'],
        title:
          'Proton-ring and Electron-linac Collider (PRELC) as a (first) TeV-rangeelectron-proton or photon-proton collider',
      });
      expect(nucl.abstract).not.toMatch(/\n/);

      const current = await importFiles([sample('arxiv-api-query-2025-11.atom.xml')], {
        format: 'auto',
        outDir: dir(),
      });
      expect(current.files[0]?.counts).toEqual({ new: 9, updated: 0, unchanged: 1, rejected: 0 });
      const proposal = await stored(dir(), '2004-08-18', 'nucl-ex_0408020');
      expect(proposal.data).toMatchObject({
        arxiv: 'nucl-ex/0408020',
        categories: ['nucl-ex', 'hep-ph'],
        authors: [
          'J. Arrington',
          'V. F. Dmitriev',
          'R. J. Holt',
          'D. M. Nikolenko',
          'I. A. Rachek',
          'Yu. V. Shestakov',
          'V. N. Stibunov',
          'D. K. Toporkov',
          'H. de Vries',
        ],
      });
    });

    test('an id_list query arXiv answered only in part: the one paper, and a note about the rest', async () => {
      const report = await importFiles([sample('arxiv-api-missing-id.atom.xml')], {
        format: 'auto',
        outDir: dir(),
      });
      expect(report.files[0]?.counts).toEqual({ new: 1, updated: 0, unchanged: 0, rejected: 0 });
      expect(report.files[0]?.notes).toEqual([
        'arxiv-api-missing-id.atom.xml: arXiv did not answer for 3 requested id(s): 2201.13455, 2201.13453, 2201.13454',
      ]);
      const record = await stored(dir(), '2022-01-31', '2201.13452');
      expect(record.data).toMatchObject({ authors: ['Hong-Ming Yin', 'Jun Zou'], categories: ['math.AP'] });
    });

    test('importing every sample again changes no file', async () => {
      const before = await snapshotDir(dir());
      const names = [
        'hf-daily-papers-2026-01-21.json',
        'arxiv-api-query-2025-08-legacy.atom.xml',
        'arxiv-api-query-2025-11.atom.xml',
        'arxiv-api-missing-id.atom.xml',
      ];
      const report = await importFiles(names.map(sample), { format: 'auto', outDir: dir() });
      expect(report.total).toEqual({ new: 0, updated: 0, unchanged: 37, rejected: 0 });
      const reprs = await importFiles([sample('hf-daily-papers-2024-12-11-malformed.json')], {
        format: 'auto',
        date: '2024-12-11',
        outDir: dir(),
      });
      expect(reprs.total).toEqual({ new: 0, updated: 0, unchanged: 26, rejected: 0 });
      expect(await snapshotDir(dir())).toEqual(before);
    });

    test('the Jul 30 text digest: 56 new, then 56 unchanged', async () => {
      const file = join(SAMPLES, '..', 'daily-papers-jul-30.txt');
      const first = await importFiles([file], { format: 'auto', date: '2026-07-30', outDir: dir() });
      expect(first.total).toEqual({ new: 56, updated: 0, unchanged: 0, rejected: 0 });
      const second = await importFiles([file], { format: 'text', date: '2026-07-30', outDir: dir() });
      expect(second.total).toEqual({ new: 0, updated: 0, unchanged: 56, rejected: 0 });
    });
  },
);
