import { escapeHtml } from '../render/escape.ts';

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
}

export interface EmailDay {
  siteTitle: string;
  /** `Thursday, 30 July 2026`. */
  dayLabel: string;
  /** Absolute URL of the day's page. */
  dayUrl: string;
  /** Absolute URL of the site's subscribe page. */
  subscribeUrl: string;
  papers: readonly EmailPaper[];
}

const FONT = 'font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif';
const LINK = 'color:#1a56c4;text-decoration:underline';

/** A link that can only be an absolute http(s) URL: anything else is left as plain text. */
function link(url: string, text: string, style = LINK): string {
  return /^https?:\/\/[^/\s]/i.test(url) ? `<a href="${escapeHtml(url)}" style="${style}">${text}</a>` : text;
}

function paperRow(paper: EmailPaper, position: number): string {
  const authors =
    paper.authors.length > 6
      ? `${paper.authors.slice(0, 6).map(escapeHtml).join(', ')} et al.`
      : paper.authors.map(escapeHtml).join(', ');
  const meta = [authors, paper.upvotes === undefined ? '' : `${paper.upvotes} upvotes`].filter(Boolean);
  const links = paper.links.map((entry) => link(entry.url, escapeHtml(entry.label))).join(' · ');
  return `<tr><td style="padding:16px 0;border-top:1px solid #dddddd;${FONT}">
<p style="margin:0 0 4px;font-size:17px;line-height:1.35;font-weight:bold">${position}. ${link(paper.url, escapeHtml(paper.title), 'color:#111111;text-decoration:none')}</p>
${meta.length > 0 ? `<p style="margin:0 0 6px;font-size:13px;color:#555555">${meta.join(' · ')}</p>` : ''}
<p style="margin:0 0 6px;font-size:15px;line-height:1.5;color:#222222">${escapeHtml(paper.teaser)}</p>
${links ? `<p style="margin:0;font-size:13px">${links}</p>` : ''}
</td></tr>`;
}

/** The e-mail's whole HTML document. */
export function emailDigest(day: EmailDay): string {
  const title = `${escapeHtml(day.siteTitle)}: ${escapeHtml(day.dayLabel)}`;
  const count = `${day.papers.length} ${day.papers.length === 1 ? 'paper' : 'papers'}`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head>
<body style="margin:0;padding:0;background:#f4f4f2">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f4f2"><tr><td align="center" style="padding:16px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:640px;background:#ffffff;border:1px solid #dddddd">
<tr><td style="padding:20px 20px 8px;${FONT}">
<p style="margin:0;font-size:13px;color:#555555">${escapeHtml(day.siteTitle)}</p>
<h1 style="margin:4px 0 0;font-size:22px;line-height:1.3;color:#111111">${escapeHtml(day.dayLabel)}</h1>
<p style="margin:4px 0 0;font-size:14px;color:#555555">${count} · ${link(day.dayUrl, 'Read on the web')}</p>
</td></tr>
<tr><td style="padding:0 20px 8px"><table role="presentation" width="100%" cellpadding="0" cellspacing="0">
${day.papers.map((paper, index) => paperRow(paper, index + 1)).join('\n')}
</table></td></tr>
<tr><td style="padding:12px 20px 20px;border-top:1px solid #dddddd;${FONT};font-size:12px;color:#555555">You get this digest from ${escapeHtml(day.siteTitle)}. ${link(day.subscribeUrl, 'Feeds and subscription options')}.</td></tr>
</table></td></tr></table>
</body></html>
`;
}
