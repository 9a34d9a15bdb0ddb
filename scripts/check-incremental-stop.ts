/**
 * For scripts/check-incremental.ts: loaded into a build step's process with
 * `node --import <this file's URL>?stop=<JSON>`, it stops the step at an exact point without touching
 * the project's code (whose hash keys the caches). At the first file write whose path contains every
 * string of `at` (once a write whose path contains every string of `after` finished, when given), it
 * prints `[check-incremental] stopped before writing <path>` and waits forever for the signal the
 * checker then sends, as Ctrl-C or a killed job would arrive at that moment.
 */
import fs, { writeSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { fileURLToPath } from 'node:url';

interface StopAt {
  after?: string[];
  at: string[];
}

const stop = JSON.parse(new URL(import.meta.url).searchParams.get('stop') ?? '{}') as StopAt;
let armed = stop.after === undefined;

const pathOf = (target: unknown) => (target instanceof URL ? fileURLToPath(target) : String(target));
const contains = (path: string, parts: readonly string[]) => parts.every((part) => path.includes(part));

function beforeWrite(target: unknown): void {
  const path = pathOf(target);
  if (!armed || !contains(path, stop.at)) return;
  writeSync(1, `[check-incremental] stopped before writing ${path}\n`);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
}

function afterWrite(target: unknown): void {
  if (stop.after && contains(pathOf(target), stop.after)) armed = true;
}

const writeFileSync = fs.writeFileSync;
fs.writeFileSync = ((target: fs.PathOrFileDescriptor, ...rest: [never, never]) => {
  beforeWrite(target);
  writeFileSync(target, ...rest);
  afterWrite(target);
}) as typeof fs.writeFileSync;

const writeFile = fs.promises.writeFile;
fs.promises.writeFile = (async (target: fs.PathLike, ...rest: [never, never]) => {
  beforeWrite(target);
  await writeFile(target, ...rest);
  afterWrite(target);
}) as typeof fs.promises.writeFile;

// `import { writeFile } from 'node:fs/promises'` in the step's modules sees the patched function too.
syncBuiltinESMExports();
