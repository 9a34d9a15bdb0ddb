import { z } from 'astro/zod';
import { arxivIdSchema, isoDaySchema, nonEmptyText, paperIdSchema } from './paper.ts';

/**
 * A retraction: the committed tombstone of a paper taken off the site (`npm run retract`), one file
 * `<store>/retracted/<id>.yaml` per paper, so two retractions on two branches never conflict in git.
 * The build shows a short "withdrawn" page at the paper's URL from it and lists the paper nowhere; the
 * importer skips any record that is this paper (same id, arXiv id or title, as the merge rules find a
 * paper). It keeps what the withdrawn page and that matching need, never the abstract.
 */

/** The longest reason a retraction may give: a sentence or two, not a document. */
export const RETRACTION_REASON_MAX = 1_000;

export const retractionSchema = z
  .object({
    id: paperIdSchema,
    title: nonEmptyText,
    /** The day the paper was published on, which the withdrawn page links to. */
    day: isoDaySchema,
    arxiv: arxivIdSchema.optional(),
    /** The day it was retracted. */
    retracted: isoDaySchema,
    reason: nonEmptyText.max(RETRACTION_REASON_MAX, `at most ${RETRACTION_REASON_MAX} characters`),
  })
  .strict();

export type Retraction = z.output<typeof retractionSchema>;

/** The build's list of tombstones (the retraction collection's one entry), each with its file. */
export const retractionListSchema = z
  .object({ tombstones: z.array(z.object({ file: z.string(), retraction: retractionSchema }).strict()) })
  .strict();
