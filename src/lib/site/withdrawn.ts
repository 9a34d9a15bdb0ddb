import type { Retraction } from '../model/retraction.ts';
import { isolate } from '../render/isolate.ts';
import { pathWithBase, routes } from './paths.ts';

/**
 * Retracted papers on the site (`npm run retract`, `model/retraction.ts`): listed nowhere (no day,
 * topic or ranking page, feed, `.bib`, search index or sitemap), while their URL keeps answering
 * with a short withdrawn page, because a published URL never turns into a 404.
 */

/** A tombstone as the content layer gives it. */
export interface RetractionEntry {
  data: Retraction;
  /** Where it lives, for error messages. */
  file?: string | undefined;
}

/** What a withdrawn page shows: the title, the day it was on, when and why it was withdrawn; never the abstract. */
export interface WithdrawnView {
  id: string;
  /** The document's `<title>`: the record's title isolated (`isolate`), since the site's name follows it. */
  title: string;
  /** The document's description: site words before the reason, which is isolated from them. */
  description: string;
  /** The title as safe HTML, as paper pages show it. */
  titleHtml: string;
  day: string;
  /** Whether that day still has a page to link to (other papers are on it). */
  dayListed: boolean;
  retracted: string;
  reason: string;
}

/** The tombstones by paper id; two of one id (two stores, or a copy) stop the build, naming both files. */
export function retractionsById(entries: readonly RetractionEntry[]): Map<string, RetractionEntry> {
  const byId = new Map<string, RetractionEntry>();
  for (const entry of entries) {
    const other = byId.get(entry.data.id);
    if (other !== undefined)
      throw new Error(
        `paper "${entry.data.id}" is retracted twice: ${other.file ?? '?'} and ${entry.file ?? '?'}; keep one`,
      );
    byId.set(entry.data.id, entry);
  }
  return byId;
}

/**
 * The records of papers that are not retracted. A record with a tombstone (a retraction killed before
 * it removed the record, or a file put back by hand) is left out: the tombstone wins until
 * `npm run retract -- --undo` removes it.
 */
export function withoutRetracted<T extends { data: { id: string } }>(
  records: readonly T[],
  retracted: ReadonlyMap<string, unknown>,
): T[] {
  return records.filter((record) => !retracted.has(record.data.id));
}

export function withdrawnView(retraction: Retraction, titleHtml: string, dayListed: boolean): WithdrawnView {
  const { id, title, day, retracted, reason } = retraction;
  return {
    id,
    title: `Withdrawn: ${isolate(title)}`,
    description: `This paper was withdrawn. Reason: ${isolate(reason)}`,
    titleHtml,
    day,
    dayListed,
    retracted,
    reason,
  };
}

/**
 * A filter for the sitemap integration (given each page's absolute URL) that leaves out the withdrawn
 * pages: they say `noindex`, and a sitemap lists what search engines should index.
 */
export function withdrawnSitemapFilter(
  withdrawnIds: Iterable<string>,
  basePath: string,
): (page: string) => boolean {
  const withdrawn = new Set([...withdrawnIds].map((id) => pathWithBase(routes.paper(id), basePath)));
  return (page) => !withdrawn.has(new URL(page).pathname);
}
