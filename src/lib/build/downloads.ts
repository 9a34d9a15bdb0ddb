import type { APIRoute, GetStaticPaths } from 'astro';
import { settings } from '../../settings.ts';
import { bibtexEntry, bibtexFile } from '../site/bibtex.ts';
import type { Day, Paper } from '../site/digest.ts';
import { emailDay, emailDigest } from '../site/email.ts';
import { routes } from '../site/paths.ts';
import { absoluteHref } from '../site/url.ts';
import { digest, pageKeys, paperRenderer } from './data.ts';

/**
 * The files a reader downloads rather than reads: BibTeX for a paper or a day, a day as an e-mail;
 * each day file's endpoint names only its body and type.
 */

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
  return emailDigest(
    emailDay(day, {
      siteTitle: settings.title,
      url: absoluteHref,
      abstractOpening: (paper) => paperRenderer.abstractOpening(paper),
    }),
  );
}

/** A file made from all of a day's records, at `days/<day>/<file>`, for every day or for the `latest` days only. */
export function dayFile(body: (day: Day) => string, contentType: string, latest?: number) {
  return {
    getStaticPaths: (() =>
      digest.days.slice(0, latest).map((day) => ({
        params: { day: day.day },
        props: { day },
        cacheKey: pageKeys.dayFile(day),
      }))) satisfies GetStaticPaths,
    GET: (({ props }) =>
      new Response(body(props.day), { headers: { 'Content-Type': contentType } })) satisfies APIRoute,
  };
}
