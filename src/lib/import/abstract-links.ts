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

/** A sentence that says it points to code. */
const CODE_SENTENCE = /\b(?:code|codes|codebase|source|implementations?|repository|repo)\b/i;

/** A URL runs until whitespace or a character that never appears unescaped in one. */
const URL_IN_TEXT = /https?:\/\/[^\s<>"'`{}|\\^[\]]+/g;

/** Removes what a sentence adds at the end of a URL: full stops, commas, an unbalanced `)`. */
function cleanUrl(url: string): string {
  let clean = url;
  for (;;) {
    const before = clean;
    clean = clean.replace(/[.,;:!?*~]+$/, '');
    if (clean.endsWith(')') && countOf(clean, '(') < countOf(clean, ')')) clean = clean.slice(0, -1);
    if (clean === before) return clean;
  }
}

function countOf(text: string, char: string): number {
  return text.split(char).length - 1;
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return undefined;
  }
}

/** The sentence of `text` that contains position `index`. */
function sentenceAround(text: string, index: number): string {
  const start = Math.max(text.lastIndexOf('. ', index), text.lastIndexOf('\n', index)) + 1;
  return text.slice(start, index);
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
  for (const match of abstract.matchAll(URL_IN_TEXT)) {
    const url = cleanUrl(match[0]);
    const host = hostOf(url);
    if (host === undefined || !host.includes('.')) continue;
    const isCode = CODE_HOSTS.has(host) || CODE_SENTENCE.test(sentenceAround(abstract, match.index));
    if (isCode) links.code ??= url;
    else links.project ??= url;
  }
  return links;
}
