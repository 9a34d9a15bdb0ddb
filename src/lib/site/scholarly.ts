import type { PaperData } from '../model/paper.ts';

/**
 * What reference managers and search engines read from a paper page: schema.org JSON-LD and the
 * Highwire `citation_*` tags that Google Scholar and Zotero's Embedded Metadata translator use. What
 * the page already says elsewhere is not said again: its URL is the canonical link, its image the
 * `og:image`, and its abstract and keywords are in the page itself.
 */

/** The paper's own date, else the digest day: what citations call its publication date. */
function publicationDay(data: PaperData): string {
  return data.published ?? data.day;
}

/**
 * The ScholarlyArticle JSON-LD, ready to place inside `<script type="application/ld+json">`: record
 * text cannot close the element or open a comment, because `<`, `>` and `&` are written as JSON
 * escapes, as are the line separators that end a JavaScript string. `description` is a sentence or
 * two of plain text: the TL;DR or the abstract's opening.
 */
export function scholarlyJsonLd(data: PaperData, description: string): string {
  const article = {
    '@context': 'https://schema.org',
    '@type': 'ScholarlyArticle',
    headline: data.title,
    author: data.authors.map((name) => ({ '@type': 'Person', name })),
    datePublished: publicationDay(data),
    description,
    ...(data.links.abs && { sameAs: data.links.abs }),
  };
  return JSON.stringify(article).replace(
    /[<>&\u2028\u2029]/g,
    (char) => `\\u${(char.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`,
  );
}

/** Highwire Press tags, in the order Zotero lists them: title, each author in order, dates, ids, PDF. */
export function citationTags(data: PaperData): [name: string, content: string][] {
  const tags: [string, string][] = [['citation_title', data.title]];
  for (const author of data.authors) tags.push(['citation_author', author]);
  const date = publicationDay(data).replaceAll('-', '/');
  // The date Google Scholar documents, which Zotero reads too (not also the older citation_date).
  tags.push(['citation_publication_date', date]);
  if (data.arxiv) tags.push(['citation_arxiv_id', data.arxiv]);
  if (data.links.pdf) tags.push(['citation_pdf_url', data.links.pdf]);
  return tags;
}
