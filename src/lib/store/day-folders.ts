import { lstat, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isMissing } from './atomic-write.ts';
import { type Store, StoreRefusal, symlinkReason } from './store-index.ts';

/**
 * Makes sure `day` is a real folder of the store (creating it, unless `dryRun`), never a symbolic link
 * to elsewhere: the store writes only inside its own day folders. Throws `StoreRefusal` for a day whose
 * name is taken by a symbolic link or a file.
 */
export async function ensureDayFolder(store: Store, day: string, dryRun: boolean): Promise<void> {
  const refused = store.refusedDays.get(day);
  if (refused !== undefined) throw new StoreRefusal(refused);
  if (store.realDays.has(day)) return;
  const path = join(store.dir, day);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const found = await lstat(path);
      if (found.isDirectory()) {
        store.realDays.add(day);
        return;
      }
      const reason = found.isSymbolicLink()
        ? symlinkReason(store, day)
        : `${path} is not a folder: nothing is written there`;
      store.refusedDays.set(day, reason);
      throw new StoreRefusal(reason);
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
    if (dryRun) return;
    await mkdir(store.dir, { recursive: true });
    try {
      await mkdir(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}
