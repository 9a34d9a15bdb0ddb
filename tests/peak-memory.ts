import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Runs a Node script as a child process and measures its peak memory from the operating system, not
 * from inside Node: the kernel's maximum resident set size as GNU time reports it (`wait4`'s
 * `ru_maxrss`), which no sampling can miss. Without GNU time (not Linux, or not installed), the peak is
 * the highest `VmHWM` of /proc/PID/status seen while it runs. A guard kills the child when its resident
 * memory passes `killAboveBytes`, so that a run that would take gigabytes (the code before a fix) ends
 * as a failed test instead of taking the machine down.
 */

const GNU_TIME = '/usr/bin/time';
const POLL_MS = 20;

export interface NodeRun {
  code: number | null;
  /** Set when the child was killed by a signal (the memory guard's SIGKILL among them). */
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Peak resident memory in bytes, when it could be measured (Linux). */
  peakRssBytes: number | undefined;
  /** Whether the guard killed it for passing `killAboveBytes`. */
  killedForMemory: boolean;
}

export interface NodeRunOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Kill the child once its resident memory passes this many bytes. */
  killAboveBytes?: number;
}

/** A field of /proc/PID/status in bytes (`VmRSS`, `VmHWM`), or undefined once the process is gone. */
function statusBytes(pid: number, field: string): number | undefined {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(
      readFileSync(`/proc/${pid}/status`, 'utf8'),
    );
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** The pid of the Node process: the child itself, or GNU time's child. */
function nodePid(childPid: number, wrapped: boolean): number | undefined {
  if (!wrapped) return childPid;
  try {
    const children = readFileSync(`/proc/${childPid}/task/${childPid}/children`, 'utf8').trim();
    return children === '' ? undefined : Number(children.split(' ')[0]);
  } catch {
    return undefined;
  }
}

export async function runNode(script: string, args: string[], options: NodeRunOptions): Promise<NodeRun> {
  const linux = process.platform === 'linux';
  const wrapped = linux && existsSync(GNU_TIME);
  const temp = await mkdtemp(join(tmpdir(), 'paperboy-peak-'));
  const report = join(temp, 'time.txt');
  const [command, commandArgs] = wrapped
    ? [GNU_TIME, ['-f', '%M', '-o', report, process.execPath, script, ...args]]
    : [process.execPath, [script, ...args]];
  try {
    return await new Promise<NodeRun>((resolve, reject) => {
      const child = spawn(command, commandArgs, {
        cwd: options.cwd,
        env: options.env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
      });
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
      });
      let sampledPeak = 0;
      let killedForMemory = false;
      const watch = linux
        ? setInterval(() => {
            const pid = child.pid === undefined ? undefined : nodePid(child.pid, wrapped);
            if (pid === undefined) return;
            sampledPeak = Math.max(sampledPeak, statusBytes(pid, 'VmHWM') ?? 0);
            const rss = statusBytes(pid, 'VmRSS') ?? 0;
            if (options.killAboveBytes !== undefined && rss > options.killAboveBytes && !killedForMemory) {
              killedForMemory = true;
              process.kill(pid, 'SIGKILL');
            }
          }, POLL_MS)
        : undefined;
      child.on('error', reject);
      child.on('close', (code, signal) => {
        clearInterval(watch);
        let peakRssBytes: number | undefined = linux ? sampledPeak : undefined;
        if (wrapped) {
          // GNU time's last line is the peak in KiB (a line before it says when the command was killed).
          const lines = existsSync(report) ? readFileSync(report, 'utf8').trim().split('\n') : [];
          const kib = Number(lines.at(-1));
          if (Number.isFinite(kib) && kib > 0) peakRssBytes = Math.max(kib * 1024, sampledPeak);
        }
        // GNU time exits 128 + N for a command killed by signal N; report it as the signal.
        const killed = wrapped && killedForMemory ? 'SIGKILL' : signal;
        resolve({
          code: killed ? null : code,
          signal: killed,
          stdout,
          stderr,
          peakRssBytes,
          killedForMemory,
        });
      });
    });
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

/** `123.4 MiB`, for messages. */
export function mebibytes(bytes: number | undefined): string {
  return bytes === undefined ? 'unmeasured' : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
