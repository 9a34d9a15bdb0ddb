import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { claimDays, finishDay, readState, StateError, serialiseState, updateState } from './state.ts';

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'paperboy-state-'));
  path = join(dir, 'delivery-state.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const now = new Date('2026-07-30T06:00:00Z');

describe('the delivery state', () => {
  test('a day is claimed once; a claim held is reported with what it recorded', async () => {
    expect(
      await claimDays(path, 'slack', ['2026-07-29', '2026-07-30'], { resend: false, by: 'a', now }),
    ).toEqual({
      claimed: ['2026-07-29', '2026-07-30'],
      held: [],
    });
    const again = await claimDays(path, 'slack', ['2026-07-30'], { resend: false, by: 'b', now });
    expect(again.claimed).toEqual([]);
    expect(again.held).toEqual([
      { day: '2026-07-30', record: { status: 'sending', claimed: now.toISOString(), by: 'a' } },
    ]);
    // Another channel's claim is its own.
    expect((await claimDays(path, 'email', ['2026-07-30'], { resend: false, by: 'b', now })).claimed).toEqual(
      ['2026-07-30'],
    );
    expect((await claimDays(path, 'slack', ['2026-07-30'], { resend: true, by: 'c', now })).claimed).toEqual([
      '2026-07-30',
    ]);
  });

  test('many claims at once in one process: each day is claimed by exactly one of them', async () => {
    const days = Array.from({ length: 10 }, (_, index) => `2026-07-${String(10 + index)}`);
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, run) =>
        claimDays(path, 'discord', days, { resend: false, by: `run ${run}`, now }),
      ),
    );
    const claimed = results.flatMap((result) => result.claimed).sort();
    expect(claimed).toEqual(days);
    expect(results.filter((result) => result.claimed.length > 0)).toHaveLength(1);
  });

  test('the result is written over the claim; the file is sorted, versioned and ends in a newline', async () => {
    await claimDays(path, 'webhook', ['2026-07-30'], { resend: false, by: 'a', now });
    await claimDays(path, 'email', ['2026-07-30', '2026-07-01'], { resend: false, by: 'a', now });
    await finishDay(path, 'webhook', '2026-07-30', { status: 'sent', papers: 3, messages: 1, finished: now });
    const text = readFileSync(path, 'utf8');
    expect(text).toBe(
      serialiseState({
        '2026-07-01': { email: { status: 'sending', claimed: now.toISOString(), by: 'a' } },
        '2026-07-30': {
          email: { status: 'sending', claimed: now.toISOString(), by: 'a' },
          webhook: {
            status: 'sent',
            claimed: now.toISOString(),
            by: 'a',
            papers: 3,
            messages: 1,
            finished: now.toISOString(),
          },
        },
      }),
    );
    expect(Object.keys(JSON.parse(text).deliveries)).toEqual(['2026-07-01', '2026-07-30']);
    expect(Object.keys(JSON.parse(text).deliveries['2026-07-30'])).toEqual(['email', 'webhook']);
    expect(text.endsWith('}\n')).toBe(true);
  });

  test('a damaged state file stops the run: nothing is claimed', async () => {
    writeFileSync(path, '{"version": 1, "deliveries": {');
    await expect(claimDays(path, 'slack', ['2026-07-30'], { resend: false, by: 'a', now })).rejects.toThrow(
      StateError,
    );
    expect(() => readState(path)).toThrow(/not valid JSON .*nothing was sent/);
    expect(readFileSync(path, 'utf8')).toBe('{"version": 1, "deliveries": {');
  });

  test('a lock left by a killed run (older than any claim takes) is taken over', async () => {
    writeFileSync(`${path}.lock`, '{"pid": 4242}');
    const old = new Date(Date.now() - 60_000);
    utimesSync(`${path}.lock`, old, old);
    expect((await claimDays(path, 'slack', ['2026-07-30'], { resend: false, by: 'a', now })).claimed).toEqual(
      ['2026-07-30'],
    );
  });

  test('the lock is released even when the change fails', async () => {
    await expect(
      updateState(path, () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await claimDays(path, 'slack', ['2026-07-30'], { resend: false, by: 'a', now })).claimed).toEqual(
      ['2026-07-30'],
    );
  });
});
