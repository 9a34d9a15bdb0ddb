import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { SHARED_DATA, storedFiles, useTempContentDir } from '../../../tests/helpers.ts';
import { detectFormat } from './detect.ts';
import { importFiles } from './run.ts';

/**
 * The real stream: 279 archived Hugging Face days (2024-06-03 … 2025-06-30) from ../shared, each
 * imported as `npm run import -- --format hf --date DAY FILE` would. No real record may be rejected for
 * a flaw the importer can repair (an empty keyword, a line break inside a URL, a dump written as Python
 * reprs, a list inside an archive's envelope), and none may be lost.
 */

const HF_DAYS = join(SHARED_DATA, 'hf-days');
const HAS_DAYS = existsSync(HF_DAYS);
const title = 'every real Hugging Face day of ../shared/data/hf-days imports with nothing rejected';
if (!HAS_DAYS) console.warn(`skipping "${title}": ${HF_DAYS} does not exist`);

/** How many items a day's file holds, read with nothing but JSON.parse: the list, or an envelope's. */
function itemCount(path: string): number {
  const json = JSON.parse(readFileSync(path, 'utf8')) as unknown[] | { data: unknown[] };
  return Array.isArray(json) ? json.length : json.data.length;
}

describe.skipIf(!HAS_DAYS)(HAS_DAYS ? title : `${title} (skipped: ../shared/data is missing)`, () => {
  const dir = useTempContentDir();

  test('279 days: every item imported, 0 rejected, 0 refused', { timeout: 900_000 }, async () => {
    const names = readdirSync(HF_DAYS)
      .filter((name) => /^\d{4}-\d{2}-\d{2}\.json$/.test(name))
      .sort();
    expect(names).toHaveLength(279);
    const total = { new: 0, updated: 0, unchanged: 0, rejected: 0 };
    const problems: string[] = [];
    let items = 0;
    for (const name of names) {
      const path = join(HF_DAYS, name);
      items += itemCount(path);
      // `npm run import` without --format must read every real day as Hugging Face's.
      const detected = detectFormat(readFileSync(path, 'utf8'));
      if (!detected.ok || detected.format !== 'hf')
        problems.push(`${name}: detected as ${JSON.stringify(detected)}`);
      const report = await importFiles([path], { format: 'hf', date: name.slice(0, 10), outDir: dir() });
      for (const file of report.files) {
        if (file.refused !== undefined) problems.push(`${name}: refused: ${file.refused}`);
        for (const error of file.errors.slice(0, 5)) problems.push(error);
      }
      for (const key of Object.keys(total) as (keyof typeof total)[]) total[key] += report.total[key];
    }
    console.info(
      `shared days: ${names.length} files, ${items} items: ${total.new} new, ${total.updated} updated, ${total.unchanged} unchanged, ${total.rejected} rejected`,
    );
    expect(problems).toEqual([]);
    expect(total.rejected).toBe(0);
    // A paper listed on two days is one paper: it is new once and updated (or unchanged) after.
    expect(total.new + total.updated + total.unchanged).toBe(items);
    expect(await storedFiles(dir())).toHaveLength(total.new);
  });
});
