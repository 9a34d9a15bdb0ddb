import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, writeFile } from 'node:fs/promises';
import { setPriority } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { generatedPapers, storedFiles, useTempContentDir } from '../../../tests/helpers.ts';
import { INDEX_CACHE_FILE } from '../store/index-cache.ts';
import { LOCK_NAME } from '../store/lock.ts';
import { importFiles } from './run.ts';

/**
 * Imports that really run at once, and one killed mid-run (`kill -9`), against one store: `npm run
 * import` processes (Node on cli.ts), thousands of papers each. Afterwards every paper is stored exactly
 * once and every count matches the files on disk.
 */

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));
/** Papers of each of the two concurrent imports. */
const PAPERS = 2_000;
/** Papers of the crash tests: enough to kill a run well before it ends. */
const SOME = 1_000;
/** Papers of the race and signal tests. */
const FEW = 500;

interface Run {
  child: ChildProcess;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

function startImport(...args: string[]): Run {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT });
  // These runs keep both cores busy for a while: at a lower priority, the test files that run beside
  // this one (with their own timeouts) are not starved.
  if (child.pid !== undefined) {
    try {
      setPriority(child.pid, 10);
    } catch {
      // Not allowed here: the runs just compete as equals.
    }
  }
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const done = new Promise<Awaited<Run['done']>>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

/** The `total:` counts a run printed. */
function total(stdout: string): Record<'new' | 'updated' | 'unchanged' | 'rejected', number> {
  const match = /^total: (\d+) new, (\d+) updated, (\d+) unchanged, (\d+) rejected/m.exec(stdout);
  if (!match) throw new Error(`no total line in ${JSON.stringify(stdout)}`);
  const [, added, updated, unchanged, rejected] = match.map(Number);
  return {
    new: added as number,
    updated: updated as number,
    unchanged: unchanged as number,
    rejected: rejected as number,
  };
}

/** Waits until `condition` holds, looking every 10 ms; fails after `timeoutMs`. */
async function until(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const start = Date.now();
  while (!(await condition())) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function countMd(dir: string): Promise<number> {
  if (!existsSync(dir)) return 0;
  return (await readdir(dir)).filter((name) => name.endsWith('.md') && !name.startsWith('.')).length;
}

/** Every id stored once, and no file besides records (no temporary file, no lock left). */
async function expectEachOnce(dir: string, ids: readonly string[]) {
  const stored = await storedFiles(dir);
  expect(stored.map((file) => file.id).sort()).toEqual([...ids].sort());
  for (const day of await readdir(dir)) {
    if (day === LOCK_NAME || day === INDEX_CACHE_FILE) continue;
    expect(
      (await readdir(join(dir, day))).filter((name) => !name.endsWith('.md') || name.startsWith('.')),
    ).toEqual([]);
  }
  return stored;
}

const dir = useTempContentDir();
const inputs = useTempContentDir();

const arxivIds = (first: number, count: number) =>
  Array.from({ length: count }, (_, index) => `2601.${String(first + index).padStart(5, '0')}`);

describe('two imports at once', { timeout: 300_000 }, () => {
  test(`2 × ${PAPERS} different papers (Hugging Face JSON and JSON Lines): all stored once, each run counts what it wrote`, async () => {
    const hf = join(inputs(), 'hf.json');
    const lines = join(inputs(), 'papers.jsonl');
    await writeFile(
      hf,
      generatedPapers({
        count: PAPERS,
        format: 'hf',
        day: '2026-01-21',
        firstArxiv: 10_000,
        prefix: 'Hugging',
      }),
    );
    await writeFile(
      lines,
      generatedPapers({ count: PAPERS, format: 'jsonl', day: '2026-01-21', prefix: 'Lines' }),
    );
    const [a, b] = await Promise.all([
      startImport('--out', dir(), '--wait', '600', hf).done,
      startImport('--out', dir(), '--wait', '600', lines).done,
    ]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(total(a.stdout)).toEqual({ new: PAPERS, updated: 0, unchanged: 0, rejected: 0 });
    expect(total(b.stdout)).toEqual({ new: PAPERS, updated: 0, unchanged: 0, rejected: 0 });
    const slugs = Array.from({ length: PAPERS }, (_, index) => `lines-${index}`);
    await expectEachOnce(dir(), [...arxivIds(10_000, PAPERS), ...slugs]);
    // One of them found the store locked and waited (unless the first was done before the second began).
    console.info(
      `concurrency: ${[a, b].filter((run) => run.stderr.includes('is locked by another import')).length} of 2 runs waited for the lock; ` +
        `${(await storedFiles(dir())).length} files for ${2 * PAPERS} papers`,
    );
  });

  test(`a backfill racing an update of the same ${FEW} papers: each stays once, on the day it was published, with the higher upvotes`, async () => {
    await writeFile(
      join(inputs(), 'first.json'),
      generatedPapers({ count: FEW, format: 'hf', day: '2026-01-22', firstArxiv: 20_000, upvotes: 5 }),
    );
    await importFiles([join(inputs(), 'first.json')], { format: 'hf', outDir: dir() });
    await writeFile(
      join(inputs(), 'backfill.json'),
      generatedPapers({ count: FEW, format: 'hf', day: '2026-01-21', firstArxiv: 20_000, upvotes: 1 }),
    );
    await writeFile(
      join(inputs(), 'update.json'),
      generatedPapers({ count: FEW, format: 'hf', day: '2026-01-22', firstArxiv: 20_000, upvotes: 50 }),
    );
    const [backfill, update] = await Promise.all([
      startImport('--out', dir(), '--wait', '600', join(inputs(), 'backfill.json')).done,
      startImport('--out', dir(), '--wait', '600', join(inputs(), 'update.json')).done,
    ]);
    expect([backfill.code, update.code]).toEqual([0, 0]);
    // Whichever ran first, the backfill moved nothing and lowered nothing; the update raised every upvote count.
    expect(total(backfill.stdout)).toEqual({ new: 0, updated: 0, unchanged: FEW, rejected: 0 });
    expect(total(update.stdout)).toEqual({ new: 0, updated: FEW, unchanged: 0, rejected: 0 });
    const stored = await expectEachOnce(dir(), arxivIds(20_000, FEW));
    expect(new Set(stored.map((file) => file.day))).toEqual(new Set(['2026-01-22']));
    const report = await importFiles([join(inputs(), 'update.json')], { format: 'hf', outDir: dir() });
    // Nothing left to do: every upvote update survived.
    expect(report.total).toEqual({ new: 0, updated: 0, unchanged: FEW, rejected: 0 });
  });
});

describe('an import killed mid-run (kill -9)', { timeout: 300_000 }, () => {
  test(`while adding ${SOME} papers: the next run takes over the lock and adds exactly the rest`, async () => {
    const file = join(inputs(), 'new.json');
    await writeFile(
      file,
      generatedPapers({ count: SOME, format: 'hf', day: '2026-01-21', firstArxiv: 30_000 }),
    );
    const run = startImport('--out', dir(), file);
    await until(async () => (await countMd(join(dir(), '2026-01-21'))) >= 100, 120_000);
    run.child.kill('SIGKILL');
    const killed = await run.done;
    expect(killed.signal).toBe('SIGKILL');
    expect(existsSync(join(dir(), LOCK_NAME))).toBe(true);
    const written = await countMd(join(dir(), '2026-01-21'));
    expect(written).toBeGreaterThanOrEqual(100);
    expect(written).toBeLessThan(SOME);
    const rerun = await startImport('--out', dir(), '--wait', '0', file).done;
    expect(rerun.code).toBe(0);
    expect(rerun.stderr).toContain(`store: took over the stale lock of pid ${run.child.pid} on host`);
    // It counts as new exactly the files it wrote; the killed run's files are unchanged.
    expect(total(rerun.stdout)).toEqual({
      new: SOME - written,
      updated: 0,
      unchanged: written,
      rejected: 0,
    });
    await expectEachOnce(dir(), arxivIds(30_000, SOME));
    expect(existsSync(join(dir(), LOCK_NAME))).toBe(false);
    console.info(`crash (adding): killed after ${written} files; the next run added ${SOME - written}`);
  });

  test('an import interrupted by a signal (Ctrl-C, a cancelled job) releases the lock on its way out', async () => {
    const file = join(inputs(), 'signal.json');
    await writeFile(
      file,
      generatedPapers({ count: FEW, format: 'hf', day: '2026-01-21', firstArxiv: 35_000 }),
    );
    const run = startImport('--out', dir(), file);
    await until(async () => (await countMd(join(dir(), '2026-01-21'))) >= 50, 120_000);
    run.child.kill('SIGTERM');
    const ended = await run.done;
    expect(ended.signal).toBe('SIGTERM');
    expect(existsSync(join(dir(), LOCK_NAME))).toBe(false);
    const rerun = await startImport('--out', dir(), '--wait', '0', file).done;
    expect(rerun.code).toBe(0);
    expect(rerun.stderr).not.toContain('stale lock');
    await expectEachOnce(dir(), arxivIds(35_000, FEW));
  });
});
