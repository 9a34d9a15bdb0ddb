import { spawnSync } from 'node:child_process';
import { mkdir, readdir, readFile, symlink, truncate, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { useTempContentDir } from '../../../tests/helpers.ts';
import { acquireStoreLock, LOCK_NAME, type LockHolder, StoreLockedError } from './lock.ts';

const dir = useTempContentDir();

/** The pid of a process that has ended. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(child.stdout);
}

async function writeLock(holder: Partial<LockHolder>): Promise<void> {
  await writeFile(join(dir(), LOCK_NAME), JSON.stringify(holder));
}

describe('acquireStoreLock', () => {
  test('holds the store until released; the lock names its holder', async () => {
    const lock = await acquireStoreLock(dir(), { command: 'node cli.ts x.json' });
    const holder = JSON.parse(await readFile(join(dir(), LOCK_NAME), 'utf8')) as LockHolder;
    expect(holder).toMatchObject({ pid: process.pid, host: hostname(), command: 'node cli.ts x.json' });
    expect(Date.parse(holder.started)).not.toBeNaN();
    await lock.release();
    const again = await acquireStoreLock(dir());
    await again.release();
  });

  test('a held lock: a clear message naming pid, host and start time, after waiting as long as asked', async () => {
    const lock = await acquireStoreLock(dir(), { command: 'node src/lib/import/cli.ts hf.json' });
    const holder = JSON.parse(await readFile(join(dir(), LOCK_NAME), 'utf8')) as LockHolder;
    const waits: string[] = [];
    const start = Date.now();
    const error = await acquireStoreLock(dir(), {
      waitMs: 300,
      pollMs: 50,
      onWait: (m) => waits.push(m),
    }).catch((caught: unknown) => caught);
    expect(Date.now() - start).toBeGreaterThanOrEqual(290);
    expect(error).toBeInstanceOf(StoreLockedError);
    expect((error as Error).message).toBe(
      `the store ${dir()} is locked by another import: pid ${process.pid} on host ${hostname()}, running since ${holder.started} (node src/lib/import/cli.ts hf.json); waited 0.3 s for it. Run again when it has finished; if no import is running, delete ${join(dir(), LOCK_NAME)}`,
    );
    expect(waits).toEqual([expect.stringContaining(`is locked by another import: pid ${process.pid}`)]);
    await lock.release();
  });

  test('a waiting run gets the lock as soon as the holder releases it', async () => {
    const lock = await acquireStoreLock(dir());
    setTimeout(() => void lock.release(), 200);
    const second = await acquireStoreLock(dir(), { waitMs: 5_000, pollMs: 20 });
    await second.release();
  });

  test('a stale lock (its process is gone) is taken over, and the run says so', async () => {
    const pid = deadPid();
    await writeLock({ pid, host: hostname(), started: '2026-01-01T00:00:00.000Z' });
    const lock = await acquireStoreLock(dir());
    expect(lock.notes).toEqual([
      `took over the stale lock of pid ${pid} on host ${hostname()}, running since 2026-01-01T00:00:00.000Z: no process ${pid} is running`,
    ]);
    expect(JSON.parse(await readFile(join(dir(), LOCK_NAME), 'utf8'))).toMatchObject({ pid: process.pid });
    await lock.release();
  });

  test.skipIf(process.platform !== 'linux')(
    'a lock whose pid now belongs to another process is stale',
    async () => {
      await writeLock({
        pid: process.pid,
        host: hostname(),
        started: '2026-01-01T00:00:00.000Z',
        processStart: '1',
      });
      const lock = await acquireStoreLock(dir());
      expect(lock.notes).toEqual([expect.stringContaining('now belongs to another process')]);
      await lock.release();
    },
  );

  test('an empty lock file is taken over once it is older than a few seconds', async () => {
    const path = join(dir(), LOCK_NAME);
    await writeFile(path, '');
    await expect(acquireStoreLock(dir())).rejects.toThrow('an import that has not written its name');
    const old = new Date(Date.now() - 60_000);
    await utimes(path, old, old);
    const lock = await acquireStoreLock(dir());
    expect(lock.notes).toEqual([expect.stringContaining('the lock file is empty or unreadable')]);
    await lock.release();
  });

  test('a lock held on another host is taken over only when it is older than any import runs', async () => {
    const recent = new Date(Date.now() - 3_600_000).toISOString();
    await writeLock({ pid: deadPid(), host: 'elsewhere.example', started: recent });
    await expect(acquireStoreLock(dir())).rejects.toThrow(
      /locked by another import: pid \d+ on host elsewhere\.example/,
    );
    const old = new Date(Date.now() - 7 * 3_600_000).toISOString();
    await writeLock({ pid: 4242, host: 'elsewhere.example', started: old });
    const lock = await acquireStoreLock(dir());
    expect(lock.notes).toEqual([
      `took over the stale lock of pid 4242 on host elsewhere.example, running since ${old}: it was taken 7 hours ago on another host, longer than any import runs`,
    ]);
    await lock.release();
  });

  test('releasing leaves a lock alone that is not this run’s', async () => {
    const lock = await acquireStoreLock(dir());
    await writeLock({ pid: 1, host: 'other', started: 'x' });
    await lock.release();
    expect(await readFile(join(dir(), LOCK_NAME), 'utf8')).toContain('"other"');
  });

  test('two runs racing for one stale lock: exactly one gets it', async () => {
    await writeLock({ pid: deadPid(), host: hostname(), started: '2026-01-01T00:00:00.000Z' });
    const results = await Promise.allSettled([acquireStoreLock(dir()), acquireStoreLock(dir())]);
    const held = results.filter((result) => result.status === 'fulfilled');
    expect(held).toHaveLength(1);
    expect(results.find((result) => result.status === 'rejected')?.reason).toBeInstanceOf(StoreLockedError);
    await (held[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof acquireStoreLock>>>).value.release();
  });
});

describe('a lock that is not a small regular file', () => {
  test('a huge lock file is read no further than a lock needs (1 GiB, sparse)', async () => {
    const path = join(dir(), LOCK_NAME);
    await writeFile(path, '');
    await truncate(path, 1024 * 1024 * 1024);
    await expect(acquireStoreLock(dir())).rejects.toThrow('an import that has not written its name');
  });

  test.skipIf(process.platform === 'win32').each([
    ['a directory', async (path: string) => mkdir(path), 'is a directory'],
    [
      'a link to /dev/zero',
      async (path: string) => symlink('/dev/zero', path),
      'is a symbolic link (to /dev/zero)',
    ],
    ['a dangling link', async (path: string) => symlink('nowhere', path), 'is a symbolic link (to nowhere)'],
  ])('%s: refused at once, with a message', async (_, make, kind) => {
    const path = join(dir(), LOCK_NAME);
    await make(path);
    const error = await acquireStoreLock(dir(), { waitMs: 60_000 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreLockedError);
    expect((error as Error).message).toBe(
      `the store ${dir()} cannot be locked: ${path} ${kind}, not the lock file an import writes. Nothing was read or written; remove it and run again`,
    );
  });
});

describe('leftovers of a killed run', () => {
  test('the lock’s temporary files of dead processes are removed; those of live ones stay', async () => {
    const dead = deadPid();
    const names = [
      `${LOCK_NAME}.${dead}.1.tmp`,
      `${LOCK_NAME}.stale.${dead}.2`,
      `${LOCK_NAME}.${process.ppid}.3.tmp`,
    ];
    for (const name of names) await writeFile(join(dir(), name), 'x');
    const lock = await acquireStoreLock(dir());
    await lock.release();
    expect(await readdir(dir())).toEqual([`${LOCK_NAME}.${process.ppid}.3.tmp`]);
  });
});
