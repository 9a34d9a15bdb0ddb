/**
 * The most a stored record may hold, field by field: the importer refuses or shortens anything larger
 * (src/lib/import/normalise.ts), so no record can cost the build more than these allow. Chosen from real
 * data with a wide margin: arXiv caps abstracts at 1,920 characters and titles run under 400; the
 * largest author lists (particle-physics collaborations) have about 3,000 names of under 100 characters;
 * Hugging Face gives at most a few dozen AI keywords of under 60 characters and one-line summaries of
 * under 300.
 */
export const FIELD_LIMITS = {
  /** Characters of a title. Longer: the record is rejected. */
  title: 1_000,
  /**
   * Characters of an abstract. Longer: the record is rejected. The site formats at most 10,000
   * characters of an abstract as Markdown (src/lib/render/budget.ts), so this is also that budget.
   */
  abstract: 10_000,
  /** Characters of one author name, keyword, category, summary or organisation: longer is rejected. */
  author: 300,
  keyword: 200,
  category: 64,
  summary: 2_000,
  organization: 300,
  /** Authors kept, in order; a longer list is cut to this many with a note. */
  authors: 5_000,
  /** Characters of all author names together; a list past it is cut (whole names) with a note. */
  authorsTotal: 100_000,
  /** Keywords, categories and topics kept; longer lists are cut with a note. */
  keywords: 100,
  categories: 50,
  topics: 50,
  /** Characters of a URL (`links.*`, `thumbnail`); a longer one is dropped with a note. */
  url: 2_000,
} as const;

export type FieldLimits = typeof FIELD_LIMITS;
