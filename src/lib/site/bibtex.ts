import type { PaperData } from '../model/paper.ts';

/**
 * BibTeX for a paper, the way arXiv's own export writes a preprint (`@misc` with `eprint`,
 * `archivePrefix` and `primaryClass`), from untrusted record text: every character BibTeX or LaTeX
 * gives a meaning is escaped, and accented or non-Latin names stay as they are (UTF-8, which biber
 * and modern BibTeX read).
 */

const ESCAPES: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  $: '\\$',
  '&': '\\&',
  '%': '\\%',
  '#': '\\#',
  _: '\\_',
  '^': '\\textasciicircum{}',
  '~': '\\textasciitilde{}',
  // In TeX's original font encoding these print as ¡, ¿ and an em dash.
  '<': '\\textless{}',
  '>': '\\textgreater{}',
  '|': '\\textbar{}',
};

/** Pairs TeX turns into one glyph (`--` into an en dash, two quotes into a curly one): kept apart. */
const LIGATURE = /([-`'?!])(?=[-`'])/g;

/** Escapes text for a BibTeX field value, so it reads back as exactly the same characters. */
export function escapeBibtex(text: string): string {
  return text
    .replace(/[\\{}$&%#_^~<>|]/g, (char) => ESCAPES[char] ?? char)
    .replace(LIGATURE, '$1{}')
    .replace(/\s+/g, ' ');
}

/**
 * One author for the `author` field. A name that BibTeX would split (a comma means "Last, First",
 * the word "and" separates authors) is braced, so it stays one name.
 */
function bibtexName(name: string): string {
  const escaped = escapeBibtex(name.trim());
  return /,|\band\b/i.test(name) ? `{${escaped}}` : escaped;
}

/** ASCII letters of a word, for citation keys (`Müller` → `muller`). */
function keyPart(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

const TITLE_STOP_WORDS = new Set(['a', 'an', 'the', 'on', 'of', 'in', 'for', 'to', 'and', 'with', 'towards']);

/** A citation key like `li2026advances`: first author's family name, year, first word of the title. */
export function citationKey(data: PaperData): string {
  const family = keyPart(data.authors[0]?.trim().split(/\s+/).at(-1) ?? '');
  const year = (data.published ?? data.day).slice(0, 4);
  const word =
    data.title
      .split(/\s+/)
      .map(keyPart)
      .find((part) => part !== '' && !TITLE_STOP_WORDS.has(part)) ?? '';
  return `${family || 'paper'}${year}${word}`;
}

export interface BibtexOptions {
  /** The citation key; `citationKey(data)` by default. */
  key?: string;
  /** Where the paper can be read when it has no arXiv id (its page on this site). */
  pageUrl: string;
}

/** The BibTeX entry of one paper. */
export function bibtexEntry(data: PaperData, options: BibtexOptions): string {
  const fields: [string, string][] = [
    // Double braces keep the title's capitalisation through BibTeX styles that lower-case titles.
    ['title', `{${escapeBibtex(data.title)}}`],
    ['author', data.authors.map(bibtexName).join(' and ')],
    ['year', (data.published ?? data.day).slice(0, 4)],
  ];
  if (data.arxiv) {
    fields.push(['eprint', escapeBibtex(data.arxiv)], ['archivePrefix', 'arXiv']);
    const primary = data.categories[0];
    if (primary) fields.push(['primaryClass', escapeBibtex(primary)]);
  }
  fields.push(['url', escapeBibtex(data.links.abs ?? options.pageUrl)]);
  const body = fields
    .filter(([, value]) => value !== '')
    .map(([name, value]) => `  ${name} = {${value}}`)
    .join(',\n');
  return `@misc{${options.key ?? citationKey(data)},\n${body}\n}\n`;
}

/** A `.bib` file of several papers; keys that would repeat get `a`, `b`, … so each stays unique. */
export function bibtexFile(papers: readonly { data: PaperData; pageUrl: string }[]): string {
  const used = new Map<string, number>();
  const keys = papers.map(({ data }) => citationKey(data));
  const repeated = new Set(keys.filter((key, index) => keys.indexOf(key) !== index));
  return papers
    .map(({ data, pageUrl }, index) => {
      const base = keys[index] as string;
      let key = base;
      if (repeated.has(base)) {
        const nth = used.get(base) ?? 0;
        used.set(base, nth + 1);
        key = `${base}${suffix(nth)}`;
      }
      return bibtexEntry(data, { key, pageUrl });
    })
    .join('\n');
}

/** `a`, `b`, …, `z`, `aa`, `ab`, … */
function suffix(index: number): string {
  const letter = String.fromCharCode(97 + (index % 26));
  return index < 26 ? letter : `${suffix(Math.floor(index / 26) - 1)}${letter}`;
}
