import type { PaperData } from '../model/paper.ts';
import { formatDayShort } from './format.ts';

/** What pages and feeds show of a record besides its text: labelled links and facts. */

type LinkKind = keyof PaperData['links'];

const LINK_LABELS: Record<LinkKind, string> = {
  abs: 'arXiv',
  pdf: 'PDF',
  html: 'HTML',
  hf: 'Hugging Face',
  code: 'Code',
  project: 'Project page',
};

export interface LabelledLink {
  kind: LinkKind;
  label: string;
  url: string;
}

/** A paper's links in a fixed order, each with its reader-facing label. */
export function labelledLinks(links: PaperData['links']): LabelledLink[] {
  return (Object.keys(LINK_LABELS) as LinkKind[]).flatMap((kind) => {
    const url = links[kind];
    return url ? [{ kind, label: LINK_LABELS[kind], url }] : [];
  });
}

/** Digests copied as text carry no arXiv id: a title search is the reader's next step. */
export function arxivTitleSearchUrl(title: string): string {
  return `https://arxiv.org/search/?searchtype=title&query=${encodeURIComponent(title)}`;
}

/** The facts a paper page lists, only those the record has. */
export function paperFacts(data: PaperData): [term: string, value: string][] {
  const facts: [string, string | number | undefined][] = [
    ['Published', data.published && formatDayShort(data.published)],
    ['Organization', data.organization],
    ['Upvotes', data.upvotes],
    ['GitHub stars', data.githubStars],
    ['arXiv categories', data.categories.join(', ')],
  ];
  return facts.flatMap(([term, value]) =>
    value === undefined || value === '' ? [] : [[term, String(value)]],
  );
}
