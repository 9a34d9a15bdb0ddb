/** The benchmark's result records and their Markdown tables. Pure. */
import type { AstroPhases } from './measure.ts';

export type SiteName = 'Paperboy' | 'bare Astro' | 'Hugo';

/** Everything measured for one site at one N. Missing figures are NaN. */
export interface SiteResult {
  site: SiteName;
  papers: number;
  /** HTML pages written. */
  pages: number;
  /** Site generation alone (for Paperboy: `astro build` wall time minus the Pagefind step it logs). */
  buildS: number;
  pagefindS: number;
  totalS: number;
  /** Peak RSS of the site generator's own process(es), GiB. */
  buildGiB: number;
  /** Peak RSS of the Pagefind process, GiB. */
  pagefindGiB: number;
  /** The most memory held at once: for Paperboy the sampled sum over its process tree, for floors the larger step. */
  peakGiB: number;
  distBytes: number;
  indexBytes: number;
  /** Bytes Chromium downloaded from loading `search/?q=…` until results rendered. */
  firstSearchBytes: number;
  medianPaperPageBytes: number;
  paperPageJsBytes: number;
  /** For Astro sites: where `astro build`'s time went, as its log says. */
  phases?: AstroPhases;
}

/** Paperboy's import figures at one N. */
export interface ImportResult {
  papers: number;
  importS: number;
  importGiB: number;
  /** Importing one new 50-paper day into the collection of N papers. */
  oneDayS: number;
}

/** Paperboy's daily rebuild at one N: one new day imported, then `npm run build` with the caches of the full build. */
export interface DailyResult {
  site: SiteName;
  papers: number;
  buildS: number;
  indexS: number;
  /** Pages `astro build` rendered, and pages it copied from the previous build. */
  rendered: number;
  restored: number;
  /** Files of the output whose bytes differ from the full build's (changed, new or gone). */
  changed: number;
  /** Paperboy's search shards, and those copied from the previous build instead of indexed. */
  shards?: number;
  shardsReused?: number;
}

const KB = 1000;
const MB = 1000 * 1000;

/** A number with `digits` decimals, or `—` when it was not measured. */
export function fixed(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '—';
}

/** `a ÷ b` as `4.3×`, or `—`. */
export function ratio(a: number, b: number): string {
  if (!Number.isFinite(a) || !Number.isFinite(b) || b === 0) return '—';
  const value = a / b;
  return `${value >= 10 ? value.toFixed(0) : value.toFixed(value >= 1 ? 1 : 2)}×`;
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [row(header), row(header.map(() => '---')), ...rows.map(row)].join('\n');
}

/** Per-paper figures derived from a result. */
export function perPaper(result: SiteResult) {
  return {
    msPerPaper: (result.totalS * 1000) / result.papers,
    distPerPaper: result.distBytes / result.papers,
    indexPerPaper: result.indexBytes / result.papers,
  };
}

/** One row per N and site, every figure measured. */
export function resultsTable(results: readonly SiteResult[]): string {
  return table(
    [
      'N',
      'site',
      'pages',
      'build s',
      'Pagefind s',
      'total s',
      'ms/paper',
      'peak GiB build / Pagefind / at once',
      'dist MB',
      'dist KB/paper',
      'index KB/paper',
      'first search KB',
      'median paper page KB',
      'paper page JS KB',
    ],
    results.map((result) => {
      const derived = perPaper(result);
      return [
        String(result.papers),
        result.site,
        String(result.pages),
        fixed(result.buildS, 1),
        fixed(result.pagefindS, 1),
        fixed(result.totalS, 1),
        fixed(derived.msPerPaper, 2),
        `${fixed(result.buildGiB, 2)} / ${fixed(result.pagefindGiB, 2)} / ${fixed(result.peakGiB, 2)}`,
        fixed(result.distBytes / MB, 1),
        fixed(derived.distPerPaper / KB, 1),
        fixed(derived.indexPerPaper / KB, 2),
        fixed(result.firstSearchBytes / KB, 1),
        fixed(result.medianPaperPageBytes / KB, 1),
        fixed(result.paperPageJsBytes / KB, 1),
      ];
    }),
  );
}

/** Paperboy's figures divided by each floor's, from the same run. */
export function ratioTable(results: readonly SiteResult[]): string {
  const rows: string[][] = [];
  for (const paperboy of results.filter((result) => result.site === 'Paperboy')) {
    for (const floor of results.filter(
      (result) => result.site !== 'Paperboy' && result.papers === paperboy.papers,
    )) {
      rows.push([
        String(paperboy.papers),
        `Paperboy ÷ ${floor.site}`,
        ratio(paperboy.pages, floor.pages),
        ratio(paperboy.buildS, floor.buildS),
        ratio(paperboy.pagefindS, floor.pagefindS),
        ratio(paperboy.totalS, floor.totalS),
        ratio(paperboy.buildGiB, floor.buildGiB),
        ratio(paperboy.pagefindGiB, floor.pagefindGiB),
        ratio(paperboy.peakGiB, floor.peakGiB),
        ratio(paperboy.distBytes, floor.distBytes),
        ratio(paperboy.indexBytes, floor.indexBytes),
        ratio(paperboy.firstSearchBytes, floor.firstSearchBytes),
        ratio(paperboy.medianPaperPageBytes, floor.medianPaperPageBytes),
        ratio(paperboy.paperPageJsBytes, floor.paperPageJsBytes),
      ]);
    }
  }
  return table(
    [
      'N',
      'ratio',
      'pages',
      'build',
      'Pagefind',
      'total (and ms/paper)',
      'build memory',
      'Pagefind memory',
      'peak at once',
      'dist (and per paper)',
      'index',
      'first search',
      'median paper page',
      'paper page JS',
    ],
    rows,
  );
}

/** Paperboy's import through `npm run import`. */
/** `newDay` names the day imported last: `one new 50-paper day`. */
export function importTable(imports: readonly ImportResult[], newDay: string): string {
  return table(
    ['N', 'import N papers s', 'import peak GiB', `import ${newDay} into N s`],
    imports.map((result) => [
      String(result.papers),
      fixed(result.importS, 1),
      fixed(result.importGiB, 2),
      fixed(result.oneDayS, 2),
    ]),
  );
}

/** Where each Astro build's time went (from its own log), beside the Pagefind step. */
export function phasesTable(results: readonly SiteResult[]): string {
  return table(
    ['N', 'site', 'content sync s', 'server bundle s', 'page rendering s', 'Pagefind s', 'total s'],
    results.flatMap((result) =>
      result.phases
        ? [
            [
              String(result.papers),
              result.site,
              fixed(result.phases.syncS, 1),
              fixed(result.phases.bundleS, 1),
              fixed(result.phases.renderS, 1),
              fixed(result.pagefindS, 1),
              fixed(result.totalS, 1),
            ],
          ]
        : [],
    ),
  );
}

/** Each site's daily rebuild after its full build, with what truly changed and Paperboy's time against the bare Astro floor's. */
export function dailyTable(results: readonly DailyResult[], newDay: string): string {
  const floorTotal = (papers: number) => {
    const floor = results.find((result) => result.site === 'bare Astro' && result.papers === papers);
    return floor ? floor.buildS + floor.indexS : Number.NaN;
  };
  return table(
    [
      'N',
      'site',
      `rebuild with ${newDay}: astro build s`,
      'search index s',
      'total s',
      'total ÷ bare Astro',
      'pages rendered / copied',
      'files truly changed',
      'rendered ÷ changed',
      'search shards indexed / copied',
    ],
    results.map((result) => [
      String(result.papers),
      result.site,
      fixed(result.buildS, 1),
      fixed(result.indexS, 1),
      fixed(result.buildS + result.indexS, 1),
      result.site === 'Paperboy' ? ratio(result.buildS + result.indexS, floorTotal(result.papers)) : '—',
      `${result.rendered} / ${result.restored}`,
      String(result.changed),
      ratio(result.rendered, result.changed),
      result.shards === undefined
        ? 'all (one index)'
        : `${result.shards - (result.shardsReused ?? 0)} / ${result.shardsReused}`,
    ]),
  );
}
