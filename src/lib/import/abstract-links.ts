/**
 * Links found inside an abstract. Text digests carry no link fields, but many abstracts end with
 * "Code is available at https://…".
 */

/** Hosts whose links are code (repositories), wherever they appear. */
const CODE_HOSTS = new Set([
  'github.com',
  'gitlab.com',
  'bitbucket.org',
  'codeberg.org',
  'sourceforge.net',
  'anonymous.4open.science',
]);

/** Words that say a sentence points to code. */
const CODE_WORD = /\b(?:code|codes|codebase|source|implementations?|repository|repo)\b/gi;

/** A URL runs until whitespace or a character that never appears unescaped in one. */
const URL_IN_TEXT = /https?:\/\/[^\s<>"'`{}|\\^[\]]+/g;

/** What a sentence adds at the end of a URL. */
const TRAILING = new Set(['.', ',', ';', ':', '!', '?', '*', '~']);

/**
 * Removes what a sentence adds at the end of a URL: full stops, commas, an unbalanced `)`. One pass
 * from the end (60,000 dots after a URL cost a trailing-punctuation RegExp minutes).
 */
function cleanUrl(url: string): string {
  let open = 0;
  let close = 0;
  for (const char of url) {
    if (char === '(') open++;
    else if (char === ')') close++;
  }
  let end = url.length;
  for (;;) {
    while (end > 0 && TRAILING.has(url[end - 1] as string)) end--;
    if (end > 0 && url[end - 1] === ')' && open < close) {
      close--;
      end--;
    } else return url.slice(0, end);
  }
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return undefined;
  }
}

export interface AbstractLinks {
  code?: string;
  project?: string;
}

/**
 * Finds links in an abstract. `code`: the first URL on a code host (GitHub, GitLab, Bitbucket, Codeberg,
 * SourceForge, anonymous.4open.science) or in a sentence about code ("code is available at …").
 * `project`: the first other URL (project pages, datasets). Trailing punctuation and junk such as
 * `{here.}` are not part of a URL.
 */
export function linksFromAbstract(abstract: string): AbstractLinks {
  const links: AbstractLinks = {};
  // Where code words end, in order: a URL is about code when one lies in its sentence, before it.
  const codeWords = [...abstract.matchAll(CODE_WORD)].map((match) => ({
    start: match.index,
    end: match.index + match[0].length,
  }));
  let word = 0;
  let lastWordStart = -1;
  // The sentence around a URL starts after the last ". " or line break before it.
  let scanned = 0;
  let boundary = -1;
  for (const match of abstract.matchAll(URL_IN_TEXT)) {
    for (; scanned < match.index; scanned++) {
      const char = abstract[scanned];
      if (char === '\n' || (char === '.' && abstract[scanned + 1] === ' ')) boundary = scanned;
    }
    for (; word < codeWords.length && (codeWords[word]?.end ?? Infinity) <= match.index; word++)
      lastWordStart = codeWords[word]?.start ?? lastWordStart;
    const url = cleanUrl(match[0]);
    const host = hostOf(url);
    if (host === undefined || !host.includes('.')) continue;
    const isCode = CODE_HOSTS.has(host) || lastWordStart > boundary;
    if (isCode) links.code ??= url;
    else links.project ??= url;
  }
  return links;
}
