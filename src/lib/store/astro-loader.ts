import { glob, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Loader } from 'astro/loaders';
import { retractionSchema } from '../model/retraction.ts';
import { formatIssues, validateWith } from '../model/validate.ts';
import { parseRecordFile } from './record-file.ts';
import { parseRetractionFile } from './retractions.ts';

/**
 * The content loaders of the store's files. The paper collection's: reads the stored records the way the importer writes them
 * (frontmatter with our own YAML reader, the abstract as the body), and nothing more.
 *
 * Astro's `glob()` loader either renders every Markdown body with Astro's processor (which passes raw
 * HTML through, and which we never use: abstracts are rendered by src/lib/render/) or, with
 * `deferRender`, turns every file into a module of the build's bundle; at 10,000 papers either costs
 * more than the rest of the build. This loader stores data and body only. A file whose bytes did
 * not change since the last build is not parsed or validated again.
 */
export function paperLoader(options: { patterns: readonly string[]; root: string }): Loader {
  return {
    name: 'paperboy:papers',
    load: async ({ store, parseData, generateDigest }) => {
      const seen = new Set<string>();
      const files: string[] = [];
      for await (const file of glob([...options.patterns], { cwd: options.root })) files.push(file);
      for (const file of files.sort()) {
        // Ids are paths from the project root, so two files that claim one paper id both reach the
        // digest, which stops the build naming both.
        const id = file;
        seen.add(id);
        const text = await readFile(join(options.root, file), 'utf8');
        const digest = generateDigest(text);
        if (store.get(id)?.digest === digest) continue;
        const parsed = parseRecordFile(text);
        if (!parsed.ok) throw new Error(`${file}: ${parsed.message}`);
        const frontmatter = parsed.frontmatter;
        if (typeof frontmatter !== 'object' || frontmatter === null || Array.isArray(frontmatter))
          throw new Error(`${file}: the frontmatter is not a mapping`);
        const data = await parseData({ id, data: frontmatter as Record<string, unknown>, filePath: file });
        store.set({ id, data, body: parsed.abstract, filePath: file, digest });
      }
      for (const id of store.keys()) if (!seen.has(id)) store.delete(id);
    },
  };
}

/** The one entry of the retraction collection. */
const RETRACTIONS_ENTRY = 'all';

/**
 * The retraction collection's content loader: every tombstone under the patterns (`retractions.ts`),
 * each checked with the retraction schema (a bad one stops the build naming its file), as one entry,
 * `all`. One entry, because a store without retractions is then an empty list; an empty collection
 * would make Astro warn on every build.
 */
export function retractionLoader(options: { patterns: readonly string[]; root: string }): Loader {
  return {
    name: 'paperboy:retractions',
    load: async ({ store, parseData, generateDigest }) => {
      const files: string[] = [];
      for await (const file of glob([...options.patterns], { cwd: options.root })) files.push(file);
      const tombstones: { file: string; retraction: unknown }[] = [];
      for (const file of files.sort()) {
        const parsed = parseRetractionFile(await readFile(join(options.root, file), 'utf8'));
        if (!parsed.ok) throw new Error(`${file}: ${parsed.message}`);
        const valid = validateWith(retractionSchema, parsed.data);
        if (!valid.success) throw new Error(`${file}: ${formatIssues(valid.issues)}`);
        tombstones.push({ file, retraction: parsed.data });
      }
      const digest = generateDigest(JSON.stringify(tombstones));
      if (store.get(RETRACTIONS_ENTRY)?.digest === digest) return;
      const data = await parseData({ id: RETRACTIONS_ENTRY, data: { tombstones } });
      store.set({ id: RETRACTIONS_ENTRY, data, digest });
    },
  };
}
