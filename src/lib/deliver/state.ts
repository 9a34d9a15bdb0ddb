import { readFileSync } from 'node:fs';
import { link, open, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';

/**
 * The delivery state: which day went to which channel, committed under `content/` so every run (on any
 * machine, or a rerun of the workflow) knows. A claim is written before the first message is sent, so
 * a run that dies half-way leaves a claim, never a day that the next run sends a second time; such a
 * claim, and a send that failed, are sent again only by hand (`--resend`). Claims are made under a lock
 * file created with O_EXCL, held for the few milliseconds of one read-modify-write, so two runs at once
 * cannot both claim a day.
 */

export const CHANNELS = ['email', 'slack', 'discord', 'telegram', 'webhook'] as const;
export type Channel = (typeof CHANNELS)[number];

export interface DeliveryRecord {
  /** `sending` from the claim until the result is written: one found later is a run that died part-way. */
  status: 'sending' | 'sent' | 'failed';
  /** When the claim was made (ISO). */
  claimed: string;
  /** Who claimed it: `GitHub Actions run 123`, or `pid 4242 on host build-1`. */
  by: string;
  finished?: string;
  papers?: number;
  /** Messages sent (e-mails: one per recipient). */
  messages?: number;
  /** Why it failed, redacted. */
  error?: string;
}

export type DeliveryState = Record<string, Partial<Record<Channel, DeliveryRecord>>>;

/** A lock is held for one read-modify-write, milliseconds: one this old was left by a killed run. */
const LOCK_STALE_MS = 30_000;
/** Longer than a stale lock lives, so a run that finds one takes it over rather than giving up. */
const LOCK_WAIT_MS = 45_000;
const LOCK_POLL_MS = 25;

export class StateError extends Error {}

/** The state in `path`; an absent file is an empty state, a damaged one stops the run (nothing is sent). */
export function readState(path: string): DeliveryState {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new StateError(
      `${path}: not valid JSON (${(error as Error).message}); nothing was sent. Repair it from git; deleting it would send every recent day again`,
    );
  }
  const deliveries = (value as { deliveries?: unknown } | null)?.deliveries;
  if (typeof deliveries !== 'object' || deliveries === null || Array.isArray(deliveries))
    throw new StateError(`${path}: no "deliveries" object; nothing was sent`);
  return deliveries as DeliveryState;
}

/** The file's text: days in order, channels in order, so each run's change is a small diff. */
export function serialiseState(state: DeliveryState): string {
  const deliveries: DeliveryState = {};
  for (const day of Object.keys(state).sort()) {
    const channels = state[day] ?? {};
    deliveries[day] = Object.fromEntries(
      CHANNELS.filter((channel) => channels[channel]).map((channel) => [channel, channels[channel]]),
    );
  }
  return `${JSON.stringify({ version: 1, deliveries }, null, 2)}\n`;
}

async function writeState(path: string, state: DeliveryState): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, serialiseState(state));
  await rename(temp, path);
}

/** The lock's text if it is older than any claim takes: its run was killed while holding it. */
async function staleLock(lockPath: string): Promise<string | undefined> {
  try {
    const [text, info] = await Promise.all([readFile(lockPath, 'utf8'), stat(lockPath)]);
    return Date.now() - info.mtimeMs > LOCK_STALE_MS ? text : undefined;
  } catch {
    // Released meanwhile: look again.
    return undefined;
  }
}

let asideCount = 0;

/** Removes a stale lock, unless another run replaced it meanwhile (then that one is put back). */
async function takeOver(lockPath: string, staleText: string): Promise<void> {
  asideCount += 1;
  const aside = `${lockPath}.${process.pid}.${asideCount}.stale`;
  try {
    await rename(lockPath, aside);
  } catch {
    return;
  }
  if ((await readFile(aside, 'utf8')) !== staleText) await link(aside, lockPath).catch(() => undefined);
  await unlink(aside);
}

/** Runs `change` on the state under the lock, and writes what it returns. */
export async function updateState<T>(
  path: string,
  change: (state: DeliveryState) => { state: DeliveryState; result: T },
): Promise<T> {
  const lockPath = `${path}.lock`;
  const began = Date.now();
  for (;;) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.writeFile(
        JSON.stringify({ pid: process.pid, host: hostname(), started: new Date().toISOString() }),
      );
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const stale = await staleLock(lockPath);
    if (stale !== undefined) {
      await takeOver(lockPath, stale);
      continue;
    }
    if (Date.now() - began > LOCK_WAIT_MS)
      throw new StateError(
        `${lockPath} is held by another delivery for more than ${LOCK_WAIT_MS / 1000} s; if none is running, delete it`,
      );
    await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
  }
  try {
    const { state, result } = change(readState(path));
    await writeState(path, state);
    return result;
  } finally {
    await unlink(lockPath);
  }
}

export interface Claim {
  /** Days claimed by this run, to send now. */
  claimed: string[];
  /** Days another run (or an earlier one) holds, with what it recorded. */
  held: { day: string; record: DeliveryRecord }[];
}

/**
 * Claims `days` for `channel`: each day not yet claimed (or, with `resend`, every day) is marked
 * `sending` by `by`, atomically, before anything is sent.
 */
export function claimDays(
  path: string,
  channel: Channel,
  days: readonly string[],
  options: { resend: boolean; by: string; now: Date },
): Promise<Claim> {
  return updateState(path, (state) => {
    const claimed: string[] = [];
    const held: Claim['held'] = [];
    for (const day of days) {
      const record = state[day]?.[channel];
      if (record && !options.resend) {
        held.push({ day, record });
        continue;
      }
      state[day] = {
        ...state[day],
        [channel]: { status: 'sending', claimed: options.now.toISOString(), by: options.by },
      };
      claimed.push(day);
    }
    return { state, result: { claimed, held } };
  });
}

/** Records how a claimed day's sending ended. */
export function finishDay(
  path: string,
  channel: Channel,
  day: string,
  outcome: Pick<DeliveryRecord, 'status' | 'papers' | 'messages' | 'error'> & { finished: Date },
): Promise<void> {
  return updateState(path, (state) => {
    const claim = state[day]?.[channel];
    if (!claim) throw new StateError(`${path}: the claim for ${day} ${channel} is gone`);
    const { finished, ...rest } = outcome;
    state[day] = { ...state[day], [channel]: { ...claim, ...rest, finished: finished.toISOString() } };
    return { state, result: undefined };
  });
}
