/**
 * A built page's HTML in fewer bytes, with the same document: what Hugo's `--minify` and other HTML
 * minifiers do, limited to two rewrites that the HTML standard defines exactly.
 *
 * - An attribute value that needs no quotes loses them (`class="paper"` → `class=paper`).
 * - An end tag the parser implies is left out: `</li>` before the next item or the list's end, `</dt>`
 *   and `</dd>` likewise, `</p>` before a block that would close it or its parent's end tag.
 *
 * Astro has already removed the whitespace between tags (`compressHTML`). These two rewrites save
 * about 0.3 KB of a paper page, which is a lot at 100,000 of them against GitHub Pages' 1 GB.
 *
 * The input is what Astro renders: text escaped (`<` only ever starts a tag, a comment or a doctype),
 * attribute values in double quotes. Script, style, title and textarea contents are copied untouched,
 * and text is never changed, so no record text is rewritten. Parsing the output gives the same tree
 * as parsing the input (`compact-html.test.ts` checks it with parse5, the standard's parser in code).
 */

/** Characters an unquoted attribute value may not hold (HTML: whitespace, quotes, `=`, `<`, `>`, backtick). */
const NEEDS_QUOTES = /[\s"'=<>`]/;

/** Elements whose content is not markup, each with the start of its end tag: copied through to it. */
const RAW_CONTENT_END = new Map(
  ['script', 'style', 'title', 'textarea'].map((name) => [name, new RegExp(`</${name}`, 'gi')]),
);

/** Start tags that close an open `p` (HTML, "optional tags": a p's end tag may be omitted before them). */
const CLOSES_P = new Set(
  'address article aside blockquote details dialog div dl fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr main menu nav ol p pre search section table ul'.split(
    ' ',
  ),
);

/** Parents whose end tag does not let a `p`'s end tag be omitted before it. */
const KEEPS_P_END = new Set(['a', 'audio', 'del', 'ins', 'map', 'noscript', 'video']);

/** A tag as the omission rules look at it: start or end, and its name. */
interface Tag {
  end: boolean;
  name: string;
}

/** Whether an element's end tag may be left out when `next` follows it directly. */
function impliedEnd(name: string, next: Tag | undefined): boolean {
  if (next === undefined) return false;
  switch (name) {
    case 'li':
      return next.end ? next.name === 'ul' || next.name === 'ol' || next.name === 'menu' : next.name === 'li';
    case 'dt':
      return !next.end && (next.name === 'dt' || next.name === 'dd');
    case 'dd':
      return next.end ? next.name === 'dl' : next.name === 'dt' || next.name === 'dd';
    case 'p':
      return next.end ? !KEEPS_P_END.has(next.name) && !next.name.includes('-') : CLOSES_P.has(next.name);
    default:
      return false;
  }
}

const TAG_NAME = /[a-zA-Z][^\s/>]*/y;
/** One attribute (name, then an optional value in double, single or no quotes), or the tag's end. */
const ATTRIBUTE = /\s+([^\s"'>/=][^\s"'>/=]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?|\s*(\/?)>/y;

/** The tag whose `<` is at `at`: start or end, its name in lower case, and where the name ends. */
function tagAt(html: string, at: number): (Tag & { nameEnd: number }) | undefined {
  if (html.charCodeAt(at) !== 60 /* < */) return undefined;
  const end = html.charCodeAt(at + 1) === 47; /* / */
  TAG_NAME.lastIndex = at + (end ? 2 : 1);
  const name = TAG_NAME.exec(html)?.[0];
  return name === undefined ? undefined : { end, name: name.toLowerCase(), nameEnd: TAG_NAME.lastIndex };
}

/** Where the first `marker` at or after `from` ends, or the end of the text. */
function past(html: string, marker: string, from: number): number {
  const at = html.indexOf(marker, from);
  return at < 0 ? html.length : at + marker.length;
}

/** The page with optional quotes and implied end tags left out. */
export function compactHtml(html: string): string {
  const out: string[] = [];
  let at = 0;
  while (at < html.length) {
    const open = html.indexOf('<', at);
    if (open < 0) {
      out.push(html.slice(at));
      break;
    }
    out.push(html.slice(at, open));
    const comment = html.startsWith('<!--', open);
    const found = comment ? undefined : tagAt(html, open);
    if (found?.end) {
      at = past(html, '>', found.nameEnd);
      if (!impliedEnd(found.name, tagAt(html, at))) out.push(html.slice(open, at));
      continue;
    }
    const tag = found && startTag(html, open, found.nameEnd);
    if (!found || !tag) {
      // A comment, a doctype, a lone `<`, or a start tag the attribute grammar cannot read: copied as
      // it is rather than guessed at.
      at = comment ? past(html, '-->', open + 4) : past(html, '>', open);
      out.push(html.slice(open, at));
      continue;
    }
    out.push(tag.text);
    at = tag.end;
    const rawEnd = RAW_CONTENT_END.get(found.name);
    if (rawEnd !== undefined) {
      rawEnd.lastIndex = at;
      const contentEnd = rawEnd.exec(html) === null ? html.length : rawEnd.lastIndex - found.name.length - 2;
      out.push(html.slice(at, contentEnd));
      at = contentEnd;
    }
  }
  return out.join('');
}

/** A start tag from `<` at `open`, its name read up to `from`, with its attributes' optional quotes left out. */
function startTag(html: string, open: number, from: number): { text: string; end: number } | undefined {
  let text = html.slice(open, from);
  let at = from;
  let lastUnquoted = false;
  for (;;) {
    ATTRIBUTE.lastIndex = at;
    const match = ATTRIBUTE.exec(html);
    if (match === null) return undefined;
    at = ATTRIBUTE.lastIndex;
    const [, attribute, doubleQuoted, singleQuoted, bare, selfClosing] = match;
    if (attribute === undefined) {
      // An unquoted value would take a self-closing slash into itself: a space keeps them apart.
      text += selfClosing ? `${lastUnquoted ? ' ' : ''}/>` : '>';
      return { text, end: at };
    }
    const value = doubleQuoted ?? singleQuoted ?? bare;
    lastUnquoted = false;
    // An empty value is the same as none: `alt=""` is `alt`.
    if (value === undefined || value === '') text += ` ${attribute}`;
    else if (!NEEDS_QUOTES.test(value)) {
      text += ` ${attribute}=${value}`;
      lastUnquoted = true;
    } else text += ` ${attribute}="${doubleQuoted ?? value.replaceAll('"', '&quot;')}"`;
  }
}
