import { text } from 'node:stream/consumers';
import { ISO_DAY } from '../model/day.ts';

/**
 * The daily workflow's commit message, from `git diff --cached --name-status -M` of the store:
 * `Papers for 2026-11-27: 48 new, 3 updated`, then one line per day when several days changed.
 * Git, not the fetcher, is asked what changed, so that both sources' runs count once. Every change to
 * a record or a tombstone makes a message, deletions included: a record the store removed (a repair,
 * a retraction) counts as removed, one `npm run move` moved as moved on its new day, and a tombstone
 * added or removed (`content/papers/retracted/<id>.yaml`) as a retraction or its undoing. A change
 * of the state files alone (`No new papers; fetch-state.json updated`) makes one too.
 *
 * In the workflow: `git diff … | node src/lib/fetch/commit-message.ts`.
 */

const KINDS = ['new', 'updated', 'moved', 'removed'] as const;
type Kind = (typeof KINDS)[number];
type DayCounts = Record<Kind, number>;

/** The day folder of a record's path like `content/papers/2026-11-27/2611.01234.md`. */
function dayOf(path: string | undefined): string | undefined {
  if (!path?.endsWith('.md')) return undefined;
  const folder = path.split('/').at(-2);
  return folder !== undefined && ISO_DAY.test(folder) ? folder : undefined;
}

/** The store's state files: how far each source was fetched, which days were delivered. */
const STATE_FILES = ['content/fetch-state.json', 'content/delivery-state.json'];

/** Whether a path is a retraction's tombstone, `…/retracted/<id>.yaml`. */
function isTombstone(path: string | undefined): boolean {
  return path?.split('/').at(-2) === 'retracted' && path.endsWith('.yaml');
}

/** `2 new, 1 updated`, then the kinds that are not zero: `, 1 moved, 3 removed`. */
function counts(entry: DayCounts): string {
  const always = `${entry.new} new, ${entry.updated} updated`;
  const rest = (['moved', 'removed'] as const).filter((kind) => entry[kind] > 0);
  return [always, ...rest.map((kind) => `${entry[kind]} ${kind}`)].join(', ');
}

/** What a change to a record is: from its status letter, and for a rename whether its day changed. */
function recordKind(status: string, paths: string[]): Kind | undefined {
  if (status.startsWith('A')) return 'new';
  if (status.startsWith('M')) return 'updated';
  if (status.startsWith('D')) return 'removed';
  if (status.startsWith('R')) return dayOf(paths[0]) === dayOf(paths.at(-1)) ? 'updated' : 'moved';
  return undefined;
}

/** The message, or `undefined` when no record, tombstone or state file changed. */
export function commitMessage(nameStatus: string): string | undefined {
  const byDay = new Map<string, DayCounts>();
  const retractions = { retracted: 0, updated: 0, undone: 0 };
  const states = new Set<string>();
  for (const line of nameStatus.split('\n')) {
    const [status = '', ...paths] = line.split('\t');
    // A rename (R) lists the old path, then the new one: the paper is on the new one's day.
    const path = paths.at(-1);
    if (path !== undefined && STATE_FILES.includes(path)) states.add(path.slice('content/'.length));
    if (isTombstone(path)) {
      if (status.startsWith('A')) retractions.retracted += 1;
      else if (status.startsWith('D')) retractions.undone += 1;
      else if (/^[MR]/.test(status)) retractions.updated += 1;
      continue;
    }
    const day = dayOf(path);
    const kind = recordKind(status, paths);
    if (day === undefined || kind === undefined) continue;
    const entry = byDay.get(day) ?? { new: 0, updated: 0, moved: 0, removed: 0 };
    entry[kind] += 1;
    byDay.set(day, entry);
  }
  const retracted = [
    retractions.retracted > 0 && `${retractions.retracted} retracted`,
    retractions.updated > 0 && `${retractions.updated} retraction(s) updated`,
    retractions.undone > 0 && `${retractions.undone} retraction(s) undone`,
  ].filter(Boolean);
  // A run that brings no paper may still move a source's fetch state on (a day without papers): that
  // is committed too, or every later run would ask for that day again.
  if (byDay.size === 0 && retracted.length === 0)
    return states.size === 0 ? undefined : `No new papers; ${[...states].sort().join(' and ')} updated`;
  if (byDay.size === 0) return `Papers: ${retracted.join(', ')}`;
  const days = [...byDay.keys()].sort();
  const total: DayCounts = { new: 0, updated: 0, moved: 0, removed: 0 };
  for (const entry of byDay.values()) for (const kind of KINDS) total[kind] += entry[kind];
  const first = days[0] as string;
  const last = days.at(-1) as string;
  const span = first === last ? first : `${first} to ${last}`;
  const subject = `Papers for ${span}: ${counts(total)}${retracted.length > 0 ? `; ${retracted.join(', ')}` : ''}`;
  if (days.length === 1) return subject;
  const body = days.map((day) => `${day}: ${counts(byDay.get(day) as DayCounts)}`);
  return `${subject}\n\n${body.join('\n')}`;
}

if (import.meta.main) {
  const message = commitMessage(await text(process.stdin));
  if (message === undefined) {
    process.stderr.write('commit-message: no store file changed\n');
    process.exitCode = 1;
  } else {
    process.stdout.write(`${message}\n`);
  }
}
