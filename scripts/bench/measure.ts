/**
 * Measuring tools for the benchmark: timed child processes with their peak memory taken from the OS
 * (`/usr/bin/time -v` and each process's high-water mark in /proc), file bytes as GitHub Pages counts
 * them, and parsers for the lines the builds print.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';

/** Sum of the sizes of every file under a directory: what Pages uploads (du would count 4 KiB blocks). */
export function fileBytes(dir: string, filter: (name: string) => boolean = () => true): number {
  let total = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && filter(entry.name)) total += statSync(join(entry.parentPath, entry.name)).size;
  }
  return total;
}

/** Every file under a directory whose name passes the filter, as full paths. */
export function listFiles(dir: string, filter: (name: string) => boolean): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && filter(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

/**
 * A digest of every file under a directory, by its path there, for the files `keep` accepts: what a
 * daily rebuild's output is compared by, so that "pages that truly changed" means bytes that differ.
 */
export function fileDigests(dir: string, keep: (path: string) => boolean = () => true): Map<string, string> {
  const digests = new Map<string, string>();
  for (const path of listFiles(dir, () => true)) {
    const relativePath = path.slice(dir.length + 1);
    if (keep(relativePath))
      digests.set(relativePath, createHash('sha1').update(readFileSync(path)).digest('hex'));
  }
  return digests;
}

/** The paths whose digests differ between two builds (changed, added or gone), sorted. */
export function changedPaths(
  before: ReadonlyMap<string, string>,
  after: ReadonlyMap<string, string>,
): string[] {
  return [...new Set([...before.keys(), ...after.keys()])]
    .filter((path) => before.get(path) !== after.get(path))
    .sort();
}

/** The median of a non-empty list (the lower middle for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN;
}

/** The fields of `/usr/bin/time -v` the benchmark uses. */
export interface TimeReport {
  /** Maximum resident set size of the largest single process of the tree, in KiB. */
  maxRssKiB: number;
  exitStatus: number;
}

/** Parses the report `/usr/bin/time -v` writes. */
export function parseTimeReport(text: string): TimeReport {
  const field = (label: string) => Number(new RegExp(`${label}: (\\d+)`).exec(text)?.[1] ?? Number.NaN);
  return { maxRssKiB: field('Maximum resident set size \\(kbytes\\)'), exitStatus: field('Exit status') };
}

/** The `indexed N pages in M ms` line src/lib/search/cli.ts prints after `astro build`. */
export function parsePagefindLog(output: string): { pages: number; ms: number } | undefined {
  const match = /indexed (\d+) pages in (\d+) ms/.exec(output);
  return match ? { pages: Number(match[1]), ms: Number(match[2]) } : undefined;
}

/** The index step's shard line: how many shards, and how many were copied from the last build. */
export function parseShardLog(output: string): { shards: number; reused: number } | undefined {
  const match = /\[paperboy:pagefind\] (\d+) shards \((\d+) unchanged/.exec(output);
  return match ? { shards: Number(match[1]), reused: Number(match[2]) } : undefined;
}

/**
 * Pages an incremental `astro build` rendered and pages it copied from the previous build, from its log
 * (coloured or not: CI forces colours on, even into a pipe).
 */
export function countRenderedPages(output: string): { rendered: number; restored: number } {
  let rendered = 0;
  let restored = 0;
  for (const line of stripVTControlCharacters(output).split('\n')) {
    if (!/[├└]─ \//.test(line)) continue;
    if (line.trimEnd().endsWith('(restored)')) restored++;
    else if (/\(\+\d+ms\)\s*$/.test(line)) rendered++;
  }
  return { rendered, restored };
}

/** Seconds in one of Astro's printed durations: `312ms`, `14.57s`, `1m 39s`. */
export function parseDuration(text: string): number {
  const match = /^(?:(\d+)m\s*)?(?:(\d+(?:\.\d+)?)s)?$|^(\d+(?:\.\d+)?)ms$/.exec(text.trim());
  if (!match || text.trim() === '') return Number.NaN;
  if (match[3] !== undefined) return Number(match[3]) / 1000;
  return Number(match[1] ?? 0) * 60 + Number(match[2] ?? 0);
}

/** Where `astro build`'s time went, from its log: content sync, the server bundle, page rendering. */
export interface AstroPhases {
  syncS: number;
  bundleS: number;
  renderS: number;
}

/** Reads the phase durations `astro build` prints (ANSI colours stripped). */
export function parseAstroPhases(output: string): AstroPhases {
  const text = stripVTControlCharacters(output);
  const find = (pattern: RegExp) => parseDuration(pattern.exec(text)?.[1] ?? '');
  return {
    syncS: find(/\[types\] Generated (.+)$/m),
    bundleS: find(/\[vite\] ✓ built in (.+)$/m),
    // The "generating static routes" section ends with a ✓ line of its own, without a [build] tag.
    renderS: find(/^\S+ ✓ Completed in (.+?)\.?$/m),
  };
}

/** Peak memory of a process tree, sampled from /proc. */
export interface TreePeaks {
  /** Highest VmHWM (KiB) seen per process name (`comm`), over every process of that name. */
  byName: Map<string, number>;
  /** Highest sum of VmRSS (KiB) over the whole tree at one sample: what the machine had to hold at once. */
  treeKiB: number;
}

function readProcStat(pid: string): { ppid: number; name: string } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = text.lastIndexOf(')');
    const name = text.slice(text.indexOf('(') + 1, close);
    const ppid = Number(text.slice(close + 2).split(' ')[1]);
    return { ppid, name };
  } catch {
    return undefined;
  }
}

function readMemory(pid: number): { hwm: number; rss: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (label: string) => Number(new RegExp(`${label}:\\s+(\\d+) kB`).exec(text)?.[1] ?? 0);
    return { hwm: kib('VmHWM'), rss: kib('VmRSS') };
  } catch {
    return undefined;
  }
}

/**
 * Samples the memory of `rootPid` and its descendants every `intervalMs`. VmHWM is each process's own
 * high-water mark, so a process's peak is missed only if reached in its last interval before exiting.
 */
export function watchTree(rootPid: number, intervalMs = 200): { stop: () => TreePeaks } {
  const peaks: TreePeaks = { byName: new Map(), treeKiB: 0 };
  const sample = () => {
    const children = new Map<number, { pid: number; name: string }[]>();
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const stat = readProcStat(entry);
      if (!stat) continue;
      const list = children.get(stat.ppid) ?? [];
      list.push({ pid: Number(entry), name: stat.name });
      children.set(stat.ppid, list);
    }
    let tree = 0;
    const queue = [...(children.get(rootPid) ?? [])];
    const root = readMemory(rootPid);
    if (root) tree += root.rss;
    while (queue.length > 0) {
      const next = queue.pop();
      if (!next) break;
      queue.push(...(children.get(next.pid) ?? []));
      const memory = readMemory(next.pid);
      if (!memory) continue;
      tree += memory.rss;
      peaks.byName.set(next.name, Math.max(peaks.byName.get(next.name) ?? 0, memory.hwm));
    }
    peaks.treeKiB = Math.max(peaks.treeKiB, tree);
  };
  const timer = setInterval(sample, intervalMs);
  return {
    stop: () => {
      clearInterval(timer);
      return peaks;
    },
  };
}

/** What one timed command did. */
export interface TimedRun {
  command: string;
  exitCode: number;
  wallMs: number;
  stdout: string;
  stderr: string;
  /** From `/usr/bin/time -v`: the largest single process of the tree. */
  maxRssKiB: number;
  peaks: TreePeaks;
}

export interface TimedOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Echo the command's output lines to our stderr, prefixed, as they come. */
  echo?: string;
}

/**
 * Runs a command under `/usr/bin/time -v`, sampling its process tree's memory, and resolves when it
 * exits (never rejects for a non-zero exit: the caller decides).
 */
export function timed(
  command: string,
  args: readonly string[],
  options: TimedOptions = {},
): Promise<TimedRun> {
  const reportDir = mkdtempSync(join(tmpdir(), 'paperboy-bench-time-'));
  const reportFile = join(reportDir, 'time.txt');
  const started = performance.now();
  const child = spawn('/usr/bin/time', ['-v', '-o', reportFile, command, ...args], {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const watcher = watchTree(child.pid ?? -1);
  const stdout: string[] = [];
  const stderr: string[] = [];
  const collect = (sink: string[]) => (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    sink.push(text);
    if (options.echo !== undefined) {
      for (const line of text.split('\n')) {
        if (line.trim() !== '') process.stderr.write(`  ${options.echo}| ${line}\n`);
      }
    }
  };
  child.stdout.on('data', collect(stdout));
  child.stderr.on('data', collect(stderr));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      const peaks = watcher.stop();
      let report: TimeReport = { maxRssKiB: Number.NaN, exitStatus: code ?? 1 };
      try {
        report = parseTimeReport(readFileSync(reportFile, 'utf8'));
      } catch {
        // time wrote nothing: the command could not start; the exit code says so.
      }
      rmSync(reportDir, { recursive: true, force: true });
      resolve({
        command: [command, ...args].join(' ').slice(0, 300),
        exitCode: code ?? 1,
        wallMs,
        stdout: stdout.join(''),
        stderr: stderr.join(''),
        maxRssKiB: report.maxRssKiB,
        peaks,
      });
    });
  });
}

/** Throws with the tail of the output when a run failed. */
export function assertSucceeded(run: TimedRun): TimedRun {
  if (run.exitCode !== 0) {
    throw new Error(
      `command failed (exit ${run.exitCode}): ${run.command}\n${run.stdout.slice(-3000)}\n${run.stderr.slice(-3000)}`,
    );
  }
  return run;
}
