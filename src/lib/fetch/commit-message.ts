import { text } from 'node:stream/consumers';
import { ISO_DAY } from '../model/day.ts';

/**
 * The daily workflow's commit message, from `git diff --cached --name-status -M -- content/papers`:
 * `Papers for 2026-11-27: 48 new, 3 updated`, then one line per day when several days changed.
 * Git, not the fetcher, is asked what changed, so that both sources' runs count once and a paper that
 * a backfill moved to an earlier day counts as updated, not new.
 *
 * In the workflow: `git diff … | node src/lib/fetch/commit-message.ts`.
 */

interface DayCounts {
  new: number;
  updated: number;
}

/** The day folder of a path like `content/papers/2026-11-27/2611.01234.md`. */
function dayOf(path: string | undefined): string | undefined {
  const folder = path?.split('/').at(-2);
  return folder !== undefined && ISO_DAY.test(folder) ? folder : undefined;
}

function counts({ new: added, updated }: DayCounts): string {
  return `${added} new, ${updated} updated`;
}

/** The message, or `undefined` when no paper file changed. */
export function commitMessage(nameStatus: string): string | undefined {
  const byDay = new Map<string, DayCounts>();
  for (const line of nameStatus.split('\n')) {
    const [status = '', ...paths] = line.split('\t');
    // A rename (R) lists the old path, then the new one: the paper is on the new one's day.
    const path = paths.at(-1);
    if (!path?.endsWith('.md')) continue;
    const day = dayOf(path);
    if (day === undefined) continue;
    const kind = status.startsWith('A') ? 'new' : /^[MR]/.test(status) ? 'updated' : undefined;
    if (kind === undefined) continue;
    const entry = byDay.get(day) ?? { new: 0, updated: 0 };
    entry[kind] += 1;
    byDay.set(day, entry);
  }
  if (byDay.size === 0) return undefined;
  const days = [...byDay.keys()].sort();
  const total = { new: 0, updated: 0 };
  for (const entry of byDay.values()) {
    total.new += entry.new;
    total.updated += entry.updated;
  }
  const first = days[0] as string;
  const last = days.at(-1) as string;
  const subject = `Papers for ${first === last ? first : `${first} to ${last}`}: ${counts(total)}`;
  if (days.length === 1) return subject;
  const body = days.map((day) => `${day}: ${counts(byDay.get(day) as DayCounts)}`);
  return `${subject}\n\n${body.join('\n')}`;
}

if (import.meta.main) {
  const message = commitMessage(await text(process.stdin));
  if (message === undefined) {
    process.stderr.write('commit-message: no paper file changed\n');
    process.exitCode = 1;
  } else {
    process.stdout.write(`${message}\n`);
  }
}
