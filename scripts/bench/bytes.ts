/**
 * Where a built site's bytes go: per page type (src/lib/size/page-types.ts), and inside the HTML pages,
 * per part (the head's JSON-LD and citation tags, the header and footer every page repeats, a paper
 * page's abstract, related list and BibTeX, a listing's cards). `node scripts/bench/bytes.ts DIR`
 * prints the tables for a built site; the benchmark prints them for each site it builds.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type PageType, siteFiles, sizeByType } from '../../src/lib/size/page-types.ts';

/**
 * A part of an HTML page: found by the start tag of its element, or by a pattern matching each of its
 * spans whole. The patterns take attribute values with or without quotes (render/compact-html.ts).
 */
export type PagePart = { name: string } & ({ element: RegExp } | { spans: RegExp });

/**
 * The outer length of the element whose start tag begins at `start` (its nested elements of the same
 * name counted), or the rest of the text when it never closes.
 */
export function elementLength(html: string, start: number): number {
  const name = /^<([a-zA-Z][\w-]*)/.exec(html.slice(start))?.[1];
  if (!name) return 0;
  const tag = new RegExp(`<(/?)${name}(?=[\\s>/])[^>]*>`, 'g');
  tag.lastIndex = start;
  let depth = 0;
  for (let match = tag.exec(html); match; match = tag.exec(html)) {
    depth += match[1] ? -1 : 1;
    if (depth === 0) return match.index + match[0].length - start;
  }
  return html.length - start;
}

/**
 * Bytes (UTF-8) of each part in one page. A part holding an earlier part (the head holds the JSON-LD)
 * counts without it; a span that starts inside an earlier part is left to that part.
 */
export function partBytes(html: string, parts: readonly PagePart[]): Map<string, number> {
  const taken: [number, number][] = [];
  const bytes = (from: number, to: number) => Buffer.byteLength(html.slice(from, to));
  const sizes = new Map<string, number>();
  for (const part of parts) {
    let size = 0;
    const pattern = 'element' in part ? part.element : part.spans;
    for (const match of html.matchAll(new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`))) {
      const from = match.index;
      const to = from + ('element' in part ? elementLength(html, from) : match[0].length);
      if (taken.some(([a, b]) => a <= from && from < b)) continue;
      const inner = taken.filter(([a, b]) => from <= a && b <= to);
      size += bytes(from, to) - inner.reduce((sum, [a, b]) => sum + bytes(a, b), 0);
      taken.push([from, to]);
    }
    sizes.set(part.name, size);
  }
  sizes.set('rest', Buffer.byteLength(html) - [...sizes.values()].reduce((sum, size) => sum + size, 0));
  return sizes;
}

/** The chrome every page repeats around its main content. */
const CHROME: PagePart = {
  name: 'header + footer',
  element: /<header class="?site-header|<footer|<a class="?skip-link/,
};

/** The parts measured per page type; types not listed are measured whole. */
export const PARTS: Partial<Record<PageType, readonly PagePart[]>> = {
  'paper pages': [
    { name: 'head: JSON-LD', spans: /<script type="?application\/ld\+json"?>[\s\S]*?<\/script>/ },
    { name: 'head: citation_* tags', spans: /<meta name="?citation_[^>]*>/ },
    { name: 'head: other', element: /<head>/ },
    CHROME,
    { name: 'abstract', element: /<div class="?abstract\b/ },
    { name: 'related papers', element: /<section class="?related\b/ },
    { name: 'BibTeX block', element: /<section class="?cite\b/ },
    { name: 'previous / next paper', element: /<nav class="?paper-nav\b/ },
  ],
  ...Object.fromEntries(
    (['day pages', 'home', 'topic pages', 'week pages', 'month pages'] as const).map((type) => [
      type,
      [
        { name: 'head', element: /<head>/ },
        CHROME,
        { name: 'cards (days) or rows (topics, rankings)', element: /<ol class="?paper-(?:list|rows)/ },
      ],
    ]),
  ),
};

export interface BytesReport {
  papers: number;
  distBytes: number;
  types: { type: PageType; files: number; bytes: number }[];
  /** Per page type with parts: the bytes of each part summed over its files. */
  parts: { type: PageType; files: number; bytes: Map<string, number> }[];
}

/** Measures a built site: every file by page type, and the parts of the HTML page types. */
export function measureBytes(dir: string): BytesReport {
  const files = siteFiles(dir);
  const types = sizeByType(files);
  const papers = types.find((entry) => entry.type === 'paper pages')?.files ?? 0;
  const parts = Object.entries(PARTS).map(([type, pageParts]) => {
    const sums = new Map<string, number>();
    const ofType = files.filter((file) => file.type === type);
    for (const file of ofType) {
      for (const [name, size] of partBytes(readFileSync(join(dir, file.path), 'utf8'), pageParts ?? []))
        sums.set(name, (sums.get(name) ?? 0) + size);
    }
    return { type: type as PageType, files: ofType.length, bytes: sums };
  });
  return { papers, distBytes: files.reduce((sum, file) => sum + file.bytes, 0), types, parts };
}

const KB = 1000;
const kb = (bytes: number, digits = 2) => (bytes / KB).toFixed(digits);

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** The report as Markdown: page types by size, then the parts of each HTML page type, all also per paper. */
export function bytesTables(report: BytesReport): string {
  const perPaper = (bytes: number) => (report.papers > 0 ? kb(bytes / report.papers) : '—');
  const byType = table(
    ['page type', 'files', 'MB', 'KB per paper', 'share'],
    [...report.types]
      .filter((entry) => entry.files > 0)
      .sort((a, b) => b.bytes - a.bytes)
      .map((entry) => [
        entry.type,
        String(entry.files),
        (entry.bytes / KB / KB).toFixed(2),
        perPaper(entry.bytes),
        `${((100 * entry.bytes) / report.distBytes).toFixed(1)} %`,
      ])
      .concat([
        [
          '**all of dist/**',
          String(report.types.reduce((sum, entry) => sum + entry.files, 0)),
          (report.distBytes / KB / KB).toFixed(2),
          `**${perPaper(report.distBytes)}**`,
          '100 %',
        ],
      ]),
  );
  const byPart = table(
    ['page type', 'part', 'KB per page', 'KB per paper'],
    report.parts
      .filter((entry) => entry.files > 0)
      .flatMap((entry) =>
        [...entry.bytes]
          .filter(([, bytes]) => bytes > 0)
          .map(([name, bytes]) => [
            `${entry.type} (${entry.files})`,
            name,
            kb(bytes / entry.files),
            perPaper(bytes),
          ]),
      ),
  );
  return `${report.papers} papers, ${kb(report.distBytes / KB / KB, 3)} GB in dist/ (KB = 1000 bytes)\n\n${byType}\n\n${byPart}`;
}

if (import.meta.main) {
  const dir = process.argv[2];
  if (!dir) {
    process.stderr.write('usage: node scripts/bench/bytes.ts DIR   (a built site, e.g. dist)\n');
    process.exit(2);
  }
  process.stdout.write(`${bytesTables(measureBytes(dir))}\n`);
}
