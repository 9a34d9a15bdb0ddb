import { link, lstat, mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * The store's writer: a file is written whole or not at all. Each write goes to a temporary file
 * `.<name>.<pid>.<n>.tmp` in the target's folder (so a killed run leaves a temporary file, never a
 * half-written record), then is renamed over the target or, for a new file, linked into place only if
 * nothing is there yet.
 */

export function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

/** Whether anything is at `path` (a symbolic link counts, whatever it points to). */
export async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    (error) => (isMissing(error) ? false : Promise.reject(error)),
  );
}

/** Removes a file; one that is already gone is fine. */
export async function removeFile(path: string): Promise<void> {
  await unlink(path).catch((error) => (isMissing(error) ? undefined : Promise.reject(error)));
}

let tempCounter = 0;

function tempPath(path: string): string {
  tempCounter += 1;
  return join(dirname(path), `.${basename(path)}.${process.pid}.${tempCounter}.tmp`);
}

/** Whether a file name is one of the writer's temporary files: `.<name>.<pid>.<n>.tmp`. */
export function isTemporary(name: string): boolean {
  if (!name.startsWith('.') || !name.endsWith('.tmp')) return false;
  const parts = name.slice(1, -'.tmp'.length).split('.');
  const digits = (part: string | undefined) =>
    part !== undefined && part !== '' && [...part].every((c) => c >= '0' && c <= '9');
  return parts.length >= 3 && digits(parts[parts.length - 1]) && digits(parts[parts.length - 2]);
}

/** Writes a file atomically: a temporary file in the same directory, then a rename over the target. */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = tempPath(path);
  try {
    await writeFile(temp, content, { encoding: 'utf8', flag: 'wx' });
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/**
 * Creates a file atomically and only if nothing is at its path: a temporary file, then a hard link to
 * the target (which fails when the target exists, also when it differs only in case on a
 * case-insensitive file system). Throws an error with code `EEXIST` when the path is taken.
 */
export async function writeFileNew(path: string, content: string): Promise<void> {
  const temp = tempPath(path);
  await writeFile(temp, content, { encoding: 'utf8', flag: 'wx' });
  try {
    await link(temp, path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
    // No hard links on this file system: check, then rename (the store's lock keeps other imports out).
    if (await exists(path))
      throw Object.assign(new Error(`EEXIST: file already exists, ${path}`), { code: 'EEXIST' });
    await rename(temp, path);
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}
