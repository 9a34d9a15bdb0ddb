import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * What a build's output depends on besides the content: our code, the config, the dependencies and the
 * Node that runs them. The build caches live under a hash of these (and of the settings), so a
 * rebuild after any change to them starts from nothing instead of from pages and records the old code
 * made. `content/` is not here: what changes there is what the caches' own keys follow.
 */
export const CODE_PATHS = [
  'src',
  'public',
  'astro.config.mjs',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
] as const;

/** Every file under `path` (a file or a folder, relative to `root`), relative to `root`, sorted. */
function filesUnder(root: string, path: string): string[] {
  const full = join(root, path);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [path];
  return readdirSync(full, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .sort();
}

/**
 * The hash of the code under `root` (every file of `CODE_PATHS`: its path and bytes), of `settings` (the
 * settings' values as text) and of the Node version: 20 hex digits.
 */
export function codeHash(root: string, settings: string, nodeVersion: string = process.version): string {
  const hash = createHash('sha256');
  hash.update(`node ${nodeVersion}\0settings ${settings}\0`);
  for (const path of CODE_PATHS)
    for (const file of filesUnder(root, path)) {
      hash.update(`${file}\0`);
      hash.update(readFileSync(join(root, file)));
      hash.update('\0');
    }
  return hash.digest('hex').slice(0, 20);
}
