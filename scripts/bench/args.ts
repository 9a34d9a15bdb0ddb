import { parseArgs } from 'node:util';
import { SOURCE_FIRST_DAY } from '../../src/lib/model/source-days.ts';
import { dayOfIndex, NEWEST_DAY } from './generate.ts';

/** The benchmark's command line. Pure: arguments in, options or an error message out. */

export const USAGE = `usage: npm run bench -- [--papers 1000,10000] [--per-day 50] [--seed 1] [--query model]
                        [--real DIR] [--keep] [--no-floors] [--no-hugo] [--no-browser] [--no-daily]
  --papers      collection sizes to build, comma-separated (each a multiple of --per-day)
  --real        build real Hugging Face day files (DIR/YYYY-MM-DD.json, each imported with its name as its
                day) instead of generated papers: all days but the last, then the last as the daily rebuild's
  --per-day     papers per digest day (one Hugging Face day file each)
  --seed        seed of the generated data (same seed, same papers)
  --query       the word searched for the first-search measurement (a common word)
  --keep        keep the generated data and every built site, and print where they are
  --no-floors   build Paperboy only (no bare-Astro or Hugo floor, so no ratios)
  --no-hugo     leave out the Hugo floor
  --no-browser  skip the Chromium measurements
  --no-daily    skip the daily rebuild (one new day into each N, built again with the full build's caches)`;

export interface BenchOptions {
  papers: number[];
  /** A folder of real day files to build instead of generated papers. */
  real?: string | undefined;
  perDay: number;
  seed: number;
  query: string;
  keep: boolean;
  floors: boolean;
  hugo: boolean;
  browser: boolean;
  daily: boolean;
}

/** Parses the benchmark's arguments (after `npm run bench --`). */
export function parseBenchArgs(
  argv: readonly string[],
): { ok: true; options: BenchOptions } | { ok: false; message: string } {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        papers: { type: 'string', default: '1000,10000' },
        'per-day': { type: 'string', default: '50' },
        seed: { type: 'string', default: '1' },
        query: { type: 'string', default: 'model' },
        real: { type: 'string' },
        keep: { type: 'boolean', default: false },
        'no-floors': { type: 'boolean', default: false },
        'no-hugo': { type: 'boolean', default: false },
        'no-browser': { type: 'boolean', default: false },
        'no-daily': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  if (values.help) return { ok: false, message: '' };
  const perDay = Number(values['per-day']);
  if (!Number.isInteger(perDay) || perDay < 1 || perDay > 3000)
    return {
      ok: false,
      message: `--per-day must be a whole number from 1 to 3000, got "${values['per-day']}"`,
    };
  const papers = String(values.papers)
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map(Number);
  if (
    papers.length === 0 ||
    papers.some((count) => !Number.isInteger(count) || count < perDay || count % perDay !== 0)
  )
    return {
      ok: false,
      message: `--papers must be multiples of --per-day (${perDay}), comma-separated, got "${values.papers}"`,
    };
  const real = values.real === undefined ? undefined : String(values.real);
  // Generated days run back from NEWEST_DAY, one file per day, and the importer refuses a Hugging Face
  // day before its daily papers began: a run whose oldest day is older would build fewer papers than it says.
  const { day: firstDay, what } = SOURCE_FIRST_DAY.hf;
  const daysAvailable = (Date.parse(NEWEST_DAY) - Date.parse(firstDay)) / 86_400_000 + 1;
  const largest = Math.max(...papers);
  if (real === undefined && dayOfIndex(largest / perDay - 1) < firstDay)
    return {
      ok: false,
      message: `--papers ${largest} at --per-day ${perDay} needs ${largest / perDay} days back from ${NEWEST_DAY}, before ${firstDay} (${what}): use --per-day ${Math.ceil(largest / daysAvailable)} or more`,
    };
  const seed = Number(values.seed);
  if (!Number.isInteger(seed))
    return { ok: false, message: `--seed must be a whole number, got "${values.seed}"` };
  const query = String(values.query).trim();
  if (!/^[a-z]+$/.test(query))
    return { ok: false, message: `--query must be one lower-case word, got "${query}"` };
  if (real !== undefined && argv.some((arg) => arg === '--papers' || arg.startsWith('--papers=')))
    return { ok: false, message: '--real builds the papers of its folder: leave out --papers' };
  return {
    ok: true,
    options: {
      papers: [...new Set(papers)].sort((a, b) => a - b),
      real,
      perDay,
      seed,
      query,
      keep: Boolean(values.keep),
      floors: !values['no-floors'],
      hugo: !values['no-floors'] && !values['no-hugo'],
      browser: !values['no-browser'],
      daily: !values['no-daily'],
    },
  };
}
