import { settings } from '../../settings.ts';
import { bibtexEntry, bibtexFile } from './bibtex.ts';
import { teaser } from './card.ts';
import type { Day, Paper } from './digest.ts';
import { type EmailDay, emailDigest } from './email.ts';
import { formatDayLong } from './format.ts';
import { labelledLinks } from './paper-view.ts';
import { routes } from './paths.ts';
import { paperRenderer } from './render-paper.ts';
import { absoluteHref } from './url.ts';

/** The files a reader downloads rather than reads: BibTeX for a paper or a day, a day as an e-mail. */

/** The BibTeX entry of one paper, pointing at its page here when it has no arXiv id. */
export function paperBibtex(paper: Paper): string {
  return bibtexEntry(paper.data, { pageUrl: absoluteHref(routes.paper(paper.id)) });
}

/** A `.bib` file of a day's papers, in the day's order, with unique keys. */
export function dayBibtex(day: Day): string {
  return bibtexFile(
    day.papers.map((paper) => ({ data: paper.data, pageUrl: absoluteHref(routes.paper(paper.id)) })),
  );
}

/** A day as a self-contained HTML e-mail with absolute links. */
export function dayEmail(day: Day): string {
  const email: EmailDay = {
    siteTitle: settings.title,
    dayLabel: formatDayLong(day.day),
    dayUrl: absoluteHref(routes.day(day.day)),
    subscribeUrl: absoluteHref(routes.subscribe()),
    papers: day.papers.map((paper) => ({
      title: paper.data.title,
      url: absoluteHref(routes.paper(paper.id)),
      authors: paper.data.authors,
      teaser: paper.data.summary ?? teaser(paper.data, () => paperRenderer.abstractText(paper)),
      upvotes: paper.data.upvotes,
      links: labelledLinks(paper.data.links),
    })),
  };
  return emailDigest(email);
}
