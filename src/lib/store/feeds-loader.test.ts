import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoaderContext } from 'astro/loaders';
import { afterAll, expect, test } from 'vitest';
import { feedsLoader } from './feeds-loader.ts';

const root = mkdtempSync(join(tmpdir(), 'paperboy-feeds-'));
mkdirSync(join(root, 'content'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Runs the loader over `content/feeds.yaml` (absent when `text` is undefined) into a store holding `stale`. */
async function load(text: string | undefined, stale: string[] = []) {
  const file = join(root, 'content', 'feeds.yaml');
  rmSync(file, { force: true });
  if (text !== undefined) writeFileSync(file, text);
  const store = new Map<string, { id: string; data: { position: number; feed: { title: string } } }>(
    stale.map((id) => [id, { id, data: { position: 0, feed: { title: id } } }]),
  );
  const context = {
    store: {
      clear: () => store.clear(),
      set: (entry: { id: string; data: { position: number; feed: { title: string } } }) =>
        store.set(entry.id, entry),
    },
    parseData: async ({ data }: { data: Record<string, unknown> }) => data,
    logger: { error: () => {} },
  } as unknown as LoaderContext;
  await feedsLoader({ file: 'content/feeds.yaml', root }).load(context);
  return [...store.values()].map((entry) => [entry.id, entry.data.position, entry.data.feed.title]);
}

test('every feed of the file replaces what the store held, with its position in the file', async () => {
  const text =
    '- id: b\n  title: B\n  query: { any: { keywords: [x] } }\n- id: a\n  title: A\n  query: { any: { keywords: [y] } }\n';
  expect(await load(text, ['gone'])).toEqual([
    ['b', 0, 'B'],
    ['a', 1, 'A'],
  ]);
});

test('no file: no custom feeds', async () => {
  expect(await load(undefined, ['gone'])).toEqual([]);
});

test('a bad file stops the build with its problems, where Astro’s file() loader would build on without them', async () => {
  await expect(load('- title: No id\n  query: { any: { keywords: [x] } }\n')).rejects.toThrow(
    'content/feeds.yaml:\n  feed 1: id: missing',
  );
  await expect(load('- id: a\n  title: [\n')).rejects.toThrow('content/feeds.yaml: not valid YAML');
});
