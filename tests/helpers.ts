import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Test helpers: paths of our fixtures and of the shared samples, and temporary content directories. */

export const FIXTURES = fileURLToPath(new URL('./fixtures/import/', import.meta.url));
export const SHARED_DATA = fileURLToPath(new URL('../../shared/data/', import.meta.url));
export const SAMPLES = join(SHARED_DATA, 'samples');
export const HAS_SHARED = existsSync(SAMPLES);

/**
 * The title of a suite that reads ../shared (absent in a user's clone): when it is missing, the title
 * says the suite is skipped, and so does a line on stderr, so a green run never hides it.
 */
export function needsShared(title: string): string {
  if (HAS_SHARED) return title;
  console.warn(`skipping "${title}": ${SHARED_DATA} does not exist`);
  return `${title} (skipped: ../shared/data is missing)`;
}

export function fixture(name: string): string {
  return join(FIXTURES, name);
}

export async function readFixture(name: string): Promise<string> {
  return readFile(fixture(name), 'utf8');
}

/** Creates a temporary content directory; call the returned function to remove it. */
export async function tempContentDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'paperboy-import-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Every file under a directory (relative path → content), hidden files included. */
export async function snapshotDir(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  if (!existsSync(dir)) return files;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(path.slice(dir.length + 1), await readFile(path, 'utf8'));
  }
  return files;
}
