import { readFileSync } from 'node:fs';
import { glob } from 'node:fs/promises';
import { join } from 'node:path';
import type { TopicData } from '../model/topic.ts';
import { buildDigest, type Digest, type PaperEntry } from '../site/digest.ts';
import { readFiling } from '../site/read-taxonomy.ts';
import { topicsFor } from '../site/topics.ts';
import { readRecord } from '../store/record-file.ts';

/**
 * The published days, read from the store the way the build reads it: the same files (the content
 * globs), the same schema, the same taxonomy and the site's order within a day. No built page is
 * needed, so any day can be sent, however old. Only the papers of the days asked for are filed under
 * topics and shaped; the rest are only counted in the list of days.
 */

export interface Published {
  /** Every day with papers, newest first. */
  days: string[];
  /** The days asked for, in the site's order. */
  digest: Digest;
  taxonomy: TopicData[];
}

export async function readPublished(
  root: string,
  globs: readonly string[],
  wanted: (day: string) => boolean,
): Promise<Published> {
  const { taxonomy, compiled } = readFiling(root);
  const files: string[] = [];
  for await (const file of glob([...globs], { cwd: root })) files.push(file);
  const days = new Set<string>();
  const entries: PaperEntry[] = [];
  // Sorted, as the content loader reads them; read synchronously, as the search step does (faster for
  // thousands of small files).
  for (const file of files.sort()) {
    const read = readRecord(readFileSync(join(root, file), 'utf8'));
    // The build read the same file with the same schema and stopped on it: nothing was published.
    if (!read.ok) throw new Error(`${file}: ${read.message}`);
    const { data, abstract } = read.record;
    days.add(data.day);
    if (wanted(data.day)) entries.push({ id: data.id, data, body: abstract, file });
  }
  // The build already warned about a topic the taxonomy lacks.
  const digest = buildDigest(entries, taxonomy, (paper) =>
    topicsFor({ ...paper.data, abstract: paper.abstract, file: paper.file }, compiled, () => {}),
  );
  return { days: [...days].sort().reverse(), digest, taxonomy };
}
