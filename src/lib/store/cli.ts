import { relative } from 'node:path';
import { parseCommandLine, type UsageError, usageError } from '../../command-line.ts';
import { isRealDay, latestDay, todayUtc } from '../model/day.ts';
import { RETRACTION_REASON_MAX } from '../model/retraction.ts';
import { cleanText, hasVisibleCharacter } from '../model/text.ts';
import { StoreLockedError } from './lock.ts';
import { LOCK_WAIT_MS, lockWaitOption, withStore } from './locked-store.ts';
import { movePaper } from './move-paper.ts';
import type { LoadedStore } from './read-store.ts';
import { retractPaper, undoRetraction } from './retract-paper.ts';
import { StoreRefusal } from './store-index.ts';

/**
 * The store's hand tools, each one run that holds the store's lock like an import:
 * `npm run move -- ID DAY` (`node src/lib/store/cli.ts move ID DAY`),
 * `npm run retract -- ID --why "REASON"` and `npm run retract -- --undo ID`.
 * Exit codes: 0 done (or nothing to do), 1 refused (the reason on stderr), 2 usage, 3 the store is
 * locked by another run.
 */

const [command = '', ...args] = process.argv.slice(2);

const TOOL = {
  name: command || 'store',
  usage: `usage: npm run move -- ID DAY [--out DIR] [--wait SECONDS]
       npm run retract -- ID --why "REASON" [--out DIR] [--wait SECONDS]
       npm run retract -- --undo ID [--out DIR] [--wait SECONDS]
ID is a paper's id (its URL /papers/ID/) or arXiv id; DAY is YYYY-MM-DD.`,
};
const fail: UsageError = usageError(TOOL);
const { values, positionals } = parseCommandLine(TOOL, {
  args,
  allowPositionals: true,
  options: {
    out: { type: 'string', default: 'content/papers' },
    wait: { type: 'string', default: String(LOCK_WAIT_MS / 1000) },
    why: { type: 'string' },
    undo: { type: 'boolean', default: false },
  },
});
const waitMs = lockWaitOption(values.wait, fail);

/** A path as the messages show it: relative to the current folder when it is inside it. */
function shownPath(path: string): string {
  const inside = relative(process.cwd(), path);
  return inside === '' || inside.startsWith('..') ? path : inside;
}

type Work = (loaded: LoadedStore) => Promise<string>;

function moveCommand(): Work {
  if (values.why !== undefined || values.undo) fail('move takes no --why or --undo');
  if (positionals.length !== 2) fail(`expected an ID and a DAY, got ${positionals.length} argument(s)`);
  const [id, day] = positionals as [string, string];
  if (!isRealDay(day)) fail(`DAY must be a real day as YYYY-MM-DD; got "${day}"`);
  if (day > latestDay()) fail(`DAY ${day} is in the future (the latest is ${latestDay()})`);
  return async ({ store }) => {
    const moved = await movePaper(store, id, day);
    const path = shownPath(moved.path);
    return moved.outcome === 'unchanged'
      ? `"${moved.id}" is on ${day} already: nothing to do`
      : `moved "${moved.id}" from ${moved.from} to ${day} (${path})`;
  };
}

/** A reason as one line of plain text: controls and non-characters removed, whitespace collapsed. */
function reasonText(raw: string): string {
  return cleanText(raw).text.replace(/\s+/g, ' ').trim();
}

function retractCommand(): Work {
  if (positionals.length !== 1) fail(`expected one ID, got ${positionals.length}`);
  const [id] = positionals as [string];
  if (values.undo) {
    if (values.why !== undefined) fail('--undo takes no --why');
    return async ({ store }) => {
      const undone = await undoRetraction(store, id);
      if (undone.outcome === 'unchanged') return `"${id}" is not retracted: nothing to undo`;
      const fetchHint = undone.day ? ` (for its day: npm run fetch -- hf --date ${undone.day})` : '';
      return `"${undone.id}" is no longer retracted. Its record was removed when it was retracted: it comes back with the next import or fetch that brings it${fetchHint}`;
    };
  }
  const reason = reasonText(values.why ?? '');
  if (!hasVisibleCharacter(reason)) fail('--why "REASON" is required: the withdrawn page shows it');
  if (reason.length > RETRACTION_REASON_MAX)
    fail(`--why is ${reason.length} characters long; at most ${RETRACTION_REASON_MAX}`);
  return async ({ store }) => {
    const retracted = await retractPaper(store, id, reason, todayUtc());
    const path = shownPath(retracted.path);
    if (retracted.outcome === 'unchanged')
      return `"${retracted.id}" is retracted already, for that reason (${path})`;
    if (retracted.outcome === 'updated')
      return `"${retracted.id}" was retracted already: its reason is updated (${path})`;
    return `retracted "${retracted.id}" of ${retracted.day}: wrote ${path} and removed its record. Later imports and fetches skip it; its page /papers/${retracted.id}/ says it was withdrawn`;
  };
}

const commands: Record<string, () => Work> = { move: moveCommand, retract: retractCommand };
const make = commands[command];
if (make === undefined) fail(`unknown command "${command}"`);
const work = make();

try {
  const message = await withStore(
    values.out,
    {
      waitMs,
      onLockWait: (note) => process.stderr.write(`${command}: ${note}\n`),
    },
    async (loaded) => {
      for (const repair of loaded.repairs) process.stderr.write(`store: ${repair}\n`);
      for (const problem of loaded.problems) process.stderr.write(`warning: ${problem}\n`);
      return work(loaded);
    },
  );
  process.stdout.write(`${command}: ${message}\n`);
} catch (error) {
  if (error instanceof StoreLockedError) {
    process.stderr.write(`${command}: ${error.message}\n`);
    process.exit(3);
  }
  if (!(error instanceof StoreRefusal)) throw error;
  process.stderr.write(`${command}: ${error.message}\n`);
  process.exitCode = 1;
}
