import { createHash } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LoaderContext } from 'astro/loaders';
import { expect, test } from 'vitest';
import { useTempContentDir } from '../../../tests/helpers.ts';
import { paperSchema } from '../model/paper.ts';
import { retractionListSchema } from '../model/retraction.ts';
import { paperLoader, retractionLoader } from './astro-loader.ts';
import { serialiseRecord } from './record-file.ts';

const root = useTempContentDir();

interface Entry {
  id: string;
  data: Record<string, unknown>;
  body?: string;
  filePath?: string;
  digest?: string;
}

/** The parts of Astro's loader context the loader uses, with the real schema and an in-memory store. */
function context(schema: { parse(data: unknown): unknown } = paperSchema) {
  const entries = new Map<string, Entry>();
  const parsed: string[] = [];
  const store = {
    get: (id: string) => entries.get(id),
    set: (entry: Entry) => entries.set(entry.id, entry) && true,
    keys: () => [...entries.keys()],
    delete: (id: string) => void entries.delete(id),
  };
  const parseData = async ({ id, data }: { id: string; data: Record<string, unknown> }) => {
    parsed.push(id);
    return schema.parse(data);
  };
  const generateDigest = (text: string) => createHash('sha1').update(text).digest('hex');
  return { entries, parsed, context: { store, parseData, generateDigest } as unknown as LoaderContext };
}

async function writePaper(day: string, id: string, title: string) {
  await mkdir(join(root(), 'papers', day), { recursive: true });
  const data = paperSchema.parse({ id, title, day, source: 'jsonl' });
  await writeFile(
    join(root(), 'papers', day, `${id}.md`),
    serialiseRecord({ data, abstract: `About ${title}.` }),
  );
}

test('loads every record with its abstract as the body, validated by the schema', async () => {
  await writePaper('2026-07-30', 'a', 'Paper A');
  await writePaper('2026-07-29', 'b', 'Paper B');
  const { entries, context: ctx } = context();
  await paperLoader({ patterns: ['papers/**/*.md'], root: root() }).load(ctx);
  expect([...entries.keys()].sort()).toEqual(['papers/2026-07-29/b.md', 'papers/2026-07-30/a.md']);
  expect(entries.get('papers/2026-07-30/a.md')).toMatchObject({
    data: { id: 'a', title: 'Paper A', day: '2026-07-30' },
    body: 'About Paper A.',
    filePath: 'papers/2026-07-30/a.md',
  });
});

test('a second load parses only changed files and forgets removed ones', async () => {
  await writePaper('2026-07-30', 'a', 'Paper A');
  await writePaper('2026-07-30', 'b', 'Paper B');
  const { entries, parsed, context: ctx } = context();
  const loader = paperLoader({ patterns: ['papers/**/*.md'], root: root() });
  await loader.load(ctx);
  parsed.length = 0;
  await writePaper('2026-07-30', 'a', 'Paper A, revised');
  await rm(join(root(), 'papers', '2026-07-30', 'b.md'));
  await loader.load(ctx);
  expect(parsed).toEqual(['papers/2026-07-30/a.md']);
  expect([...entries.keys()]).toEqual(['papers/2026-07-30/a.md']);
  expect(entries.get('papers/2026-07-30/a.md')?.data.title).toBe('Paper A, revised');
});

test('a file without frontmatter stops the load naming the file', async () => {
  await mkdir(join(root(), 'papers', '2026-07-30'), { recursive: true });
  await writeFile(join(root(), 'papers', '2026-07-30', 'broken.md'), 'no frontmatter here\n');
  const { context: ctx } = context();
  await expect(paperLoader({ patterns: ['papers/**/*.md'], root: root() }).load(ctx)).rejects.toThrow(
    /papers\/2026-07-30\/broken\.md: no frontmatter/,
  );
});

test('the tombstones load as one entry, empty without any; a bad one stops the load naming its file', async () => {
  const loader = retractionLoader({ patterns: ['papers/retracted/*.yaml'], root: root() });
  const { entries, context: ctx } = context(retractionListSchema);
  await loader.load(ctx);
  expect([...entries.values()]).toMatchObject([{ id: 'all', data: { tombstones: [] } }]);
  await mkdir(join(root(), 'papers', 'retracted'), { recursive: true });
  const tombstone = "id: x\ntitle: X\nday: '2026-07-30'\nretracted: '2026-08-01'\nreason: Withdrawn.\n";
  await writeFile(join(root(), 'papers', 'retracted', 'x.yaml'), tombstone);
  await loader.load(ctx);
  expect(entries.get('all')?.data).toEqual({
    tombstones: [
      {
        file: 'papers/retracted/x.yaml',
        retraction: { id: 'x', title: 'X', day: '2026-07-30', retracted: '2026-08-01', reason: 'Withdrawn.' },
      },
    ],
  });
  await writeFile(join(root(), 'papers', 'retracted', 'y.yaml'), tombstone.replace('Withdrawn.', "''"));
  await expect(loader.load(ctx)).rejects.toThrow('papers/retracted/y.yaml: reason: must not be empty');
});
