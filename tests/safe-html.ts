/**
 * What a rendering of record text may contain, checked on the HTML string itself: every `<` must open
 * a well-formed tag, every tag must be on the allow-list (the sanitizer's elements, KaTeX's HTML, MathML
 * and SVG), and no attribute may run code or load anything: no `on*` handler, no link but an absolute
 * http(s) one, no `src`, no style that loads or positions over the page, no id outside the sanitizer's
 * `user-content-` namespace.
 */

const ALLOWED_TAGS = new Set([
  // rehype-sanitize's default schema, without img and input (src/lib/render/abstract.ts)
  ...'a b blockquote br code dd del details div dl dt em h1 h2 h3 h4 h5 h6 hr i ins kbd li ol p picture pre q rp rt ruby s samp section source span strike strong sub summary sup table tbody td tfoot th thead tr tt ul var'.split(
    ' ',
  ),
  // our own markup around record text in feeds: authors and TL;DR, each isolated
  'bdi',
  // KaTeX's MathML
  ...'math semantics annotation mrow mi mn mo ms mtext mspace msup msub msubsup mfrac msqrt mroot mstyle mpadded mphantom menclose mtable mtr mtd mlabeledtr munder mover munderover merror'.split(
    ' ',
  ),
  // KaTeX's drawn delimiters, accents and arrows
  'svg',
  'path',
  'line',
]);

const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)((?:\s+[^\s"'=<>/]+(?:="[^"]*")?)*)\s*\/?>/y;
const ATTRIBUTE = /\s+([^\s"'=<>/]+)(?:="([^"]*)")?/g;

const decode = (value: string) =>
  value
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

function attributeProblem(tag: string, name: string, rawValue: string): string | undefined {
  const lower = name.toLowerCase();
  // Browsers skip white space and control characters inside a URL's scheme (`java\tscript:`).
  const value = [...decode(rawValue)].filter((char) => char.charCodeAt(0) > 0x20).join('');
  if (lower.startsWith('on')) return `event handler ${name}`;
  if (['src', 'srcset', 'action', 'formaction', 'data', 'poster', 'background'].includes(lower))
    return `${name} on <${tag}>`;
  if (lower === 'href' || lower === 'xlink:href') {
    if (tag !== 'a') return `${name} on <${tag}>`;
    // An absolute http(s) URL is all a link may be, whatever its path says.
    return /^https?:\/\/[^/]/i.test(value) ? undefined : `link to ${value.slice(0, 60)}`;
  }
  if (lower === 'style' && /url\(|expression|javascript:|@import|behavior|fixed|sticky/i.test(value))
    return `style ${value.slice(0, 80)}`;
  if (lower === 'id' && !value.startsWith('user-content-')) return `id ${value}`;
  if (lower === 'class' && /[<>"]/.test(value)) return `class ${value.slice(0, 60)}`;
  // A tooltip may quote the record's text; any other attribute naming a script URL is suspect.
  if (lower !== 'title' && lower !== 'class' && /javascript:|vbscript:|data:text\/html/i.test(value))
    return `${name}=${value.slice(0, 60)}`;
  return undefined;
}

/** Everything in `html` that is not on the allow-list; empty when it is safe. */
export function unsafeMarkup(html: string): string[] {
  const problems: string[] = [];
  let index = html.indexOf('<');
  while (index !== -1) {
    TAG.lastIndex = index;
    const match = TAG.exec(html);
    if (!match) {
      problems.push(`stray < at ${index}: ${JSON.stringify(html.slice(index, index + 40))}`);
      index = html.indexOf('<', index + 1);
      continue;
    }
    const tag = (match[2] as string).toLowerCase();
    if (!ALLOWED_TAGS.has(tag)) problems.push(`element <${tag}>`);
    for (const attribute of (match[3] ?? '').matchAll(ATTRIBUTE)) {
      const problem = attributeProblem(tag, attribute[1] as string, attribute[2] ?? '');
      if (problem) problems.push(problem);
    }
    index = html.indexOf('<', index + match[0].length);
  }
  return problems;
}
