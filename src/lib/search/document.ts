import type { PaperData } from '../model/paper.ts';
import { escapeHtml } from '../render/escape.ts';
import { routes } from '../site/paths.ts';

/** The `code` filter's one value, on papers whose record links to code. */
export const HAS_CODE = 'has code';

/** What the index holds of a paper: the record's searchable text plus its topics' display names. */
export interface SearchPaper {
  data: Pick<PaperData, 'id' | 'title' | 'authors' | 'summary' | 'keywords' | 'links'>;
  /** The abstract's text: its source with runs of white space collapsed. */
  abstractText: string;
  topicNames: readonly string[];
}

/** Lower-cased words: near enough to how Pagefind splits text to tell which words a text already holds. */
function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * What a record's keywords and TL;DR add to its title and abstract, the words of which the index holds
 * anyway: the keywords with a word those lack (Hugging Face's keywords are phrases of the abstract, and
 * 98 % of the shared corpus's hold no other word), and the TL;DR only when the record has no abstract
 * (it restates the abstract). A search finds the paper by any of their words all the same.
 */
export function searchExtras(paper: SearchPaper): { summary?: string; keywords: string[] } {
  const { title, summary, keywords } = paper.data;
  const held = new Set(wordsOf(`${title} ${paper.abstractText}`));
  return {
    ...(summary && !paper.abstractText ? { summary } : {}),
    keywords: keywords.filter((keyword) => !wordsOf(keyword).every((word) => held.has(word))),
  };
}

/**
 * A small HTML page for Pagefind, built from the record rather than read back from the built paper
 * page: it skips parsing 10 KB of markup (KaTeX, navigation, links) per paper, and Pagefind still
 * weighs the title as a heading and the authors above the abstract, so a search for a name or a title
 * word ranks that paper first. Record text is escaped; Pagefind reads it as text.
 *
 * The URL is the paper's route without the base path: the search page gives Pagefind the base URL,
 * so one index serves the site wherever it is deployed.
 */
export function searchDocument(paper: SearchPaper): { url: string; content: string } {
  const { data } = paper;
  const extras = searchExtras(paper);
  const paragraph = (text: string | undefined, attributes = '') =>
    text ? `<p${attributes}>${escapeHtml(text)}</p>` : '';
  const filter = (name: string, value: string) =>
    `<span data-pagefind-filter="${name}">${escapeHtml(value)}</span>`;
  const filters = [
    ...paper.topicNames.map((name) => filter('topic', name)),
    ...(data.links.code ? [filter('code', HAS_CODE)] : []),
  ];
  const content = [
    '<html lang="en"><body><main data-pagefind-body>',
    `<h1 data-pagefind-meta="title">${escapeHtml(data.title)}</h1>`,
    paragraph(data.authors.join(', '), ' data-pagefind-weight="3"'),
    paragraph(extras.summary),
    paragraph(paper.abstractText),
    paragraph(extras.keywords.join(', ')),
    `<div data-pagefind-ignore>${filters.join('')}</div>`,
    '</main></body></html>',
  ].join('');
  return { url: `/${routes.paper(data.id)}`, content };
}
