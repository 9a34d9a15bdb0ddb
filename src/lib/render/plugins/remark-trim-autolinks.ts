import type { Link, Root as MdastRoot, RootContent } from 'mdast';
import { walk } from './mdast-walk.ts';

// Characters RFC 3986 never allows unencoded in a URL; abstracts glue LaTeX or markup onto bare links
// (`…/README.md{here.}`, `\url{…}`), and GFM's autolinker keeps them.
const NOT_IN_URL = /[{}\\^`|<>"]/;
const TRAILING_PUNCTUATION = new Set(['.', ',', ';', ':', '!', '?', "'", '*', '_', '~']);

/** `text` without its trailing punctuation, by a backwards scan (a `+$` RegExp retries every start of a run). */
function trimTrailingPunctuation(text: string): string {
  let end = text.length;
  while (end > 0 && TRAILING_PUNCTUATION.has(text[end - 1] as string)) end--;
  return text.slice(0, end);
}

/** Cuts a bare-URL autolink at the first character that cannot be part of a URL. */
export function remarkTrimAutolinks() {
  return (tree: MdastRoot) => {
    walk(tree, (node, index, parent) => {
      if (node.type !== 'link' || !parent || index === undefined) return;
      const link = node as Link;
      const label =
        link.children.length === 1 && link.children[0]?.type === 'text' ? link.children[0].value : null;
      const cut = label?.search(NOT_IN_URL) ?? -1;
      if (label === null || cut <= 0) return;
      const kept = trimTrailingPunctuation(label.slice(0, cut));
      const rest = label.slice(kept.length);
      const isAutolink =
        link.url === label || link.url === `http://${label}` || link.url === `mailto:${label}`;
      if (!isAutolink) return;
      link.url = link.url.slice(0, link.url.length - label.length) + kept;
      link.children = [{ type: 'text', value: kept }];
      parent.children.splice(index + 1, 0, { type: 'text', value: rest } as RootContent);
    });
  };
}
