import { escapeHtml } from '../render/escape.ts';
import { isolatedHtml } from '../render/isolate.ts';
import { TEASER_LENGTH } from './card.ts';
import type { Day, Paper } from './digest.ts';
import { excerpt, formatDayLong } from './format.ts';
import { labelledLinks } from './paper-view.ts';
import { routes } from './paths.ts';

/**
 * A day of the digest as one self-contained HTML e-mail: inline styles only (mail clients drop
 * stylesheets), absolute links, no script, no images, a single-column table layout that Outlook and
 * phone clients render alike. Record text is escaped; abstracts appear as plain-text teasers, since
 * mail clients render neither MathML nor KaTeX.
 */

export interface EmailPaper {
  title: string;
  /** Absolute URL of the paper's page. */
  url: string;
  authors: readonly string[];
  /** The TL;DR when the record has one, else the first sentences of the abstract. */
  teaser: string;
  upvotes?: number | undefined;
  /** Absolute http(s) links with labels (arXiv, PDF, Code…). */
  links: readonly { label: string; url: string }[];
  /** The code link, which the chat messages show alone. */
  code?: string | undefined;
}

export interface EmailDay {
  siteTitle: string;
  /** `Thursday, 30 July 2026`. */
  dayLabel: string;
  /** Absolute URL of the day's page. */
  dayUrl: string;
  /** Absolute URL of the site's subscribe page. */
  subscribeUrl: string;
  /** A `mailto:` URL for leaving the list: only e-mails that are sent carry it, not the site's page. */
  unsubscribeUrl?: string | undefined;
  /** The topic a delivery is limited to, named under the day. */
  topicName?: string | undefined;
  papers: readonly EmailPaper[];
  /** Papers of the day past those listed (a delivery lists the day's first page), pointed to on the web. */
  morePapers?: number | undefined;
}

/** `56 papers`: the day's count, listed or not. */
export function paperCount(day: EmailDay): string {
  const count = day.papers.length + (day.morePapers ?? 0);
  return `${count} ${count === 1 ? 'paper' : 'papers'}`;
}

/** `…and 6 more papers`, or '' when every paper is listed. */
export function moreLine(day: EmailDay): string {
  const more = day.morePapers ?? 0;
  return more > 0 ? `…and ${more} more ${more === 1 ? 'paper' : 'papers'}` : '';
}

/** What shaping a day needs from the build or from the delivery: the site's name, its URLs and the abstracts' text. */
export interface EmailContext {
  siteTitle: string;
  /** The absolute URL of a route (site, base path, route). */
  url: (route: string) => string;
  /** The opening of a paper's abstract as text, as far as a teaser reads (the build's renderer, or the delivery's). */
  abstractOpening: (paper: Paper) => string;
}

/**
 * A day shaped for e-mail, in the day's order: the one view behind the site's e-mail page and the
 * delivered e-mail and chat messages, so they list the same papers with the same words and links.
 */
export function emailDay(day: Day, context: EmailContext, papers: readonly Paper[] = day.papers): EmailDay {
  return {
    siteTitle: context.siteTitle,
    dayLabel: formatDayLong(day.day),
    dayUrl: context.url(routes.day(day.day)),
    subscribeUrl: context.url(routes.subscribe()),
    papers: papers.map((paper) => ({
      title: paper.data.title,
      url: context.url(routes.paper(paper.id)),
      authors: paper.data.authors,
      teaser: paper.data.summary ?? excerpt(context.abstractOpening(paper), TEASER_LENGTH),
      upvotes: paper.data.upvotes,
      links: labelledLinks(paper.data.links),
      code: paper.data.links.code,
    })),
  };
}

/**
 * The first `max` authors, each written by `name` (escaped, and isolated: an override in one name must
 * not reorder the names after it), then `et al.` when there are more; '' for none. How every message
 * lists them.
 */
export function authorLine(
  authors: readonly string[],
  max: number,
  name: (author: string) => string,
): string {
  if (authors.length === 0) return '';
  return `${authors.slice(0, max).map(name).join(', ')}${authors.length > max ? ' et al.' : ''}`;
}

const FONT = 'font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif';
const LINK = 'color:#1a56c4;text-decoration:underline';

/** A link that can only be an absolute http(s) URL: anything else is left as plain text. */
function link(url: string, text: string, style = LINK): string {
  return /^https?:\/\/[^/\s]/i.test(url) ? `<a href="${escapeHtml(url)}" style="${style}">${text}</a>` : text;
}

/** The footer's way out, for a sent e-mail: a `mailto:` link (the `List-Unsubscribe` header says the same). */
function unsubscribe(url: string | undefined): string {
  if (url === undefined || !/^mailto:[^\s"<>]+$/i.test(url)) return '';
  return ` <a href="${escapeHtml(url)}" style="${LINK}">Unsubscribe</a>.`;
}

function paperRow(paper: EmailPaper, position: number): string {
  const authors = authorLine(paper.authors, 6, isolatedHtml);
  const meta = [authors, paper.upvotes === undefined ? '' : `${paper.upvotes} upvotes`].filter(Boolean);
  const links = paper.links.map((entry) => link(entry.url, escapeHtml(entry.label))).join(' · ');
  return `<tr><td style="padding:16px 0;border-top:1px solid #dddddd;${FONT}">
<p style="margin:0 0 4px;font-size:17px;line-height:1.35;font-weight:bold">${position}. ${link(paper.url, isolatedHtml(paper.title), 'color:#111111;text-decoration:none')}</p>
${meta.length > 0 ? `<p style="margin:0 0 6px;font-size:13px;color:#555555">${meta.join(' · ')}</p>` : ''}
<p style="margin:0 0 6px;font-size:15px;line-height:1.5;color:#222222">${isolatedHtml(paper.teaser)}</p>
${links ? `<p style="margin:0;font-size:13px">${links}</p>` : ''}
</td></tr>`;
}

/** The e-mail's whole HTML document. */
export function emailDigest(day: EmailDay): string {
  const title = `${escapeHtml(day.siteTitle)}: ${escapeHtml(day.dayLabel)}`;
  const count = paperCount(day);
  const more = moreLine(day);
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head>
<body style="margin:0;padding:0;background:#f4f4f2">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f4f2"><tr><td align="center" style="padding:16px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:640px;background:#ffffff;border:1px solid #dddddd">
<tr><td style="padding:20px 20px 8px;${FONT}">
<p style="margin:0;font-size:13px;color:#555555">${escapeHtml(day.siteTitle)}${day.topicName ? ` · ${escapeHtml(day.topicName)}` : ''}</p>
<h1 style="margin:4px 0 0;font-size:22px;line-height:1.3;color:#111111">${escapeHtml(day.dayLabel)}</h1>
<p style="margin:4px 0 0;font-size:14px;color:#555555">${count} · ${link(day.dayUrl, 'Read on the web')}</p>
</td></tr>
<tr><td style="padding:0 20px 8px"><table role="presentation" width="100%" cellpadding="0" cellspacing="0">
${day.papers.map((paper, index) => paperRow(paper, index + 1)).join('\n')}
${more ? `<tr><td style="padding:16px 0;border-top:1px solid #dddddd;${FONT};font-size:15px">${more}: ${link(day.dayUrl, 'read them on the web')}.</td></tr>\n` : ''}</table></td></tr>
<tr><td style="padding:12px 20px 20px;border-top:1px solid #dddddd;${FONT};font-size:12px;color:#555555">You get this digest from ${escapeHtml(day.siteTitle)}. ${link(day.subscribeUrl, 'Feeds and subscription options')}.${unsubscribe(day.unsubscribeUrl)}</td></tr>
</table></td></tr></table>
</body></html>
`;
}
