import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Loader } from 'astro/loaders';
import { parseFeedsFile } from '../model/feed-query.ts';

/**
 * The custom feeds' content loader. Astro's `file()` loader only logs a YAML error, an entry without an
 * id or a repeated id and builds on without them; a feed that silently disappeared would leave its
 * subscribers with a dead URL. This one fails the build with every problem (`parseFeedsFile`). No file
 * means no custom feeds. Each entry keeps its position in the file (`storedFeedSchema`).
 */
export function feedsLoader(options: { file: string; root: string }): Loader {
  return {
    name: 'paperboy:feeds',
    load: async ({ store, parseData, watcher, logger }) => {
      const path = join(options.root, options.file);
      const sync = async () => {
        const feeds = existsSync(path) ? parseFeedsFile(await readFile(path, 'utf8'), options.file) : [];
        store.clear();
        for (const [position, feed] of feeds.entries()) {
          const data = await parseData({ id: feed.id, data: { position, feed } });
          store.set({ id: feed.id, data, filePath: options.file });
        }
      };
      await sync();
      // `astro dev` reloads the feeds when the file changes, as it does the topics.
      watcher?.add(path);
      watcher?.on('change', (changed) => {
        if (changed === path) sync().catch((error: Error) => logger.error(error.message));
      });
    },
  };
}
