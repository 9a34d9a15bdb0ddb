import katex from 'katex';
import { escapeHtml } from './escape.ts';
import { KATEX_LIMITS } from './math.ts';

const TITLE_MATH = /\$([^$]+?)\$|\\\((.+?)\\\)/g;

/**
 * A title as safe HTML: its inline math (`$…$`, `\(…\)`) rendered by KaTeX, everything else escaped
 * text. Titles are not Markdown: `*` and `_` in them are meant literally.
 */
export function renderTitle(title: string): string {
  let html = '';
  let last = 0;
  for (const match of title.matchAll(TITLE_MATH)) {
    const tex = match[1] ?? match[2] ?? '';
    html += escapeHtml(title.slice(last, match.index));
    // MathML alone: browsers lay it out natively, so list pages need no KaTeX stylesheet for titles.
    html += katex.renderToString(tex, { ...KATEX_LIMITS, throwOnError: false, output: 'mathml' });
    last = match.index + match[0].length;
  }
  return html + escapeHtml(title.slice(last));
}
