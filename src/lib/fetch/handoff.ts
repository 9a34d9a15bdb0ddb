import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { STORE_OWNED, STORE_OWNED_PATTERN } from '../store/owned-paths.ts';
import { readRecord } from '../store/record-file.ts';
import { RETRACTED_FOLDER, readRetraction } from '../store/retractions.ts';
import { commitMessage } from './commit-message.ts';

/**
 * The daily workflow's hand-off. The fetch job runs npm and its dependencies, so it may not push: it
 * runs read-only and hands what the fetch changed under `content/` to the commit job (which runs only
 * git) as a patch and its commit message. Before it does, it checks what it hands on:
 *
 * - every path is one the store owns (`store/owned-paths.ts`): records, tombstones, state files; never
 *   a writer's temporary file or the lock, which `.gitignore` keeps out of the change anyway;
 * - every record file that is added or changed reads back with the schema, and sits where the store
 *   puts it (`<day>/<id>.md`); every state file is JSON.
 *
 * A source that failed or was killed part-way contributes what it finished: the importer writes each
 * file whole (a temporary file renamed into place), so a finished file is a whole record. A change that
 * fails a check is not handed on at all (the run fails, naming each file): a half of a change, such as
 * a move without its new file, could lose a paper.
 *
 * In the workflow: `npm run --silent handoff -- DIR` writes DIR/change.patch and DIR/message, or
 * nothing when nothing changed.
 */

export interface ChangedPath {
  /** `A`dded, `M`odified or `D`eleted (renames are a deletion and an addition). */
  status: string;
  path: string;
}

/** What is wrong with a change, one line per file; empty when it may be committed. */
export function changeProblems(
  changes: readonly ChangedPath[],
  readText: (path: string) => string,
): string[] {
  const problems: string[] = [];
  for (const { status, path } of changes) {
    if (!STORE_OWNED.test(path)) {
      problems.push(`${path}: not a file the store owns (${STORE_OWNED_PATTERN})`);
      continue;
    }
    if (status === 'D') continue;
    if (!['A', 'M'].includes(status)) {
      problems.push(`${path}: unexpected change "${status}" (a type change or a broken file?)`);
      continue;
    }
    const text = readText(path);
    if (path.startsWith(`content/papers/${RETRACTED_FOLDER}/`)) {
      const read = readRetraction(text);
      if (!read.ok) problems.push(`${path}: not a valid tombstone: ${read.message}`);
      else if (`${read.retraction.id}.yaml` !== basename(path))
        problems.push(
          `${path}: holds the tombstone of ${read.retraction.id}, which the store keeps at ${RETRACTED_FOLDER}/${read.retraction.id}.yaml`,
        );
    } else if (path.startsWith('content/papers/')) {
      const read = readRecord(text);
      if (!read.ok) {
        problems.push(`${path}: not a valid record: ${read.message}`);
        continue;
      }
      const { id, day } = read.record.data;
      if (`${id}.md` !== basename(path) || day !== basename(dirname(path)))
        problems.push(`${path}: holds the record ${id} of ${day}, which the store keeps at ${day}/${id}.md`);
    } else if (path.endsWith('.json')) {
      try {
        JSON.parse(text);
      } catch (error) {
        problems.push(`${path}: not valid JSON: ${(error as Error).message}`);
      }
    } else if (text.trim() === '') {
      problems.push(`${path}: empty`);
    }
  }
  return problems;
}

/** Runs git in the current folder (the checkout) and returns what it printed. */
function git(args: string[]): string {
  return execFileSync('git', args, { encoding: 'utf8', maxBuffer: 1 << 30 });
}

/** Stages every change under `content/` and returns it, checked, as a patch and a message; or nothing. */
export function handOff(): { patch: string; message: string } | { problems: string[] } | undefined {
  git(['add', '--all', '--', 'content']);
  const fields = git(['diff', '--cached', '--name-status', '--no-renames', '-z', '--', 'content'])
    .split('\0')
    .filter(Boolean);
  const changes: ChangedPath[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2)
    changes.push({ status: fields[i] as string, path: fields[i + 1] as string });
  if (changes.length === 0) return undefined;
  const problems = changeProblems(changes, (path) => readFileSync(path, 'utf8'));
  if (problems.length > 0) return { problems };
  const message = commitMessage(git(['diff', '--cached', '--name-status', '-M', '--', 'content']));
  if (message === undefined) return { problems: ['commit-message: no message for this change'] };
  const patch = git(['diff', '--cached', '--binary', '--full-index', '--no-renames', '--', 'content']);
  return { patch, message };
}

if (import.meta.main) {
  const out = process.argv[2];
  if (!out) {
    process.stderr.write('usage: node src/lib/fetch/handoff.ts DIR\n');
    process.exit(2);
  }
  const result = handOff();
  if (result === undefined) {
    console.log('handoff: nothing under content/ changed');
  } else if ('problems' in result) {
    for (const problem of result.problems) process.stderr.write(`handoff: ${problem}\n`);
    process.stderr.write('handoff: nothing handed on: the change is committed whole or not at all\n');
    process.exitCode = 1;
  } else {
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'change.patch'), result.patch);
    writeFileSync(join(out, 'message'), `${result.message}\n`);
    console.log(`handoff: ${result.message.split('\n')[0]}`);
  }
}
