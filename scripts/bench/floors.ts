/**
 * The floors Paperboy is measured against, over the same Markdown papers: a bare Astro 7 site with
 * the same URLs and trivial markup, and a minimal Hugo site; both indexed by the Pagefind CLI.
 * These functions only write the sites' source files; run.ts builds and measures them.
 */
import { copyFileSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** The search page's query hook, shared by both floors: `search/?q=word` starts a search, as on Paperboy. */
const QUERY_SCRIPT = `customElements.whenDefined('pagefind-input').then(() => {
  const query = new URLSearchParams(location.search).get('q');
  const start = () => {
    const input = document.querySelector('pagefind-input input');
    if (!input) return requestAnimationFrame(start);
    input.value = query;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  };
  if (query) start();
});`;

/** The search page body: Pagefind's component UI, told its bundle path and base URL. */
function searchBody(base: string): string {
  return `<link rel="stylesheet" href="${base}pagefind/pagefind-component-ui.css">
<pagefind-config bundle-path="${base}pagefind/" base-url="${base}"></pagefind-config>
<pagefind-input></pagefind-input>
<pagefind-summary></pagefind-summary>
<pagefind-results hide-sub-results></pagefind-results>`;
}

export interface FloorOptions {
  /** Absolute path of the folder the importer wrote (`<day>/<id>.md`). */
  papersDir: string;
  /** Base path, with leading and trailing slash. */
  base: string;
  site: string;
  /** Absolute output directory. */
  outDir: string;
}

/**
 * A bare Astro site in `dir`: papers from a glob loader (no schema), `/papers/<id>/`, `/days/<day>/`, a
 * home page listing the days, and a search page; the incremental build on, each page keyed by its
 * papers. `node_modules` is a link to the project's, so `astro` resolves from there; the cache
 * directory is the floor's own.
 */
export function writeAstroFloor(dir: string, nodeModules: string, options: FloorOptions): void {
  symlinkSync(nodeModules, join(dir, 'node_modules'));
  write(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: 'bench-floor', private: true, type: 'module' })}\n`,
  );
  write(
    join(dir, 'astro.config.mjs'),
    `export default {
  site: ${JSON.stringify(options.site)},
  base: ${JSON.stringify(options.base)},
  outDir: ${JSON.stringify(options.outDir)},
  cacheDir: './.cache/',
  trailingSlash: 'always',
  build: { format: 'directory' },
  // As Paperboy: a rebuild copies every page whose cache key is unchanged.
  experimental: { incrementalBuild: true },
};
`,
  );
  write(
    join(dir, 'src/content.config.ts'),
    `import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';

const papers = defineCollection({
  loader: glob({
    pattern: '**/*.md',
    base: ${JSON.stringify(options.papersDir)},
    generateId: ({ data }) => String(data.id),
  }),
});

export const collections = { papers };
`,
  );
  write(
    join(dir, 'src/layouts/Page.astro'),
    `---
const { title } = Astro.props;
---
<html lang="en">
  <head><meta charset="utf-8" /><title>{title}</title></head>
  <body><slot /></body>
</html>
`,
  );
  write(
    join(dir, 'src/pages/papers/[id].astro'),
    `---
import { getCollection, render } from 'astro:content';
import Page from '../../layouts/Page.astro';

export async function getStaticPaths() {
  return (await getCollection('papers')).map((paper) => ({
    params: { id: paper.id },
    props: { paper },
    cacheKey: String(paper.digest),
  }));
}
const { paper } = Astro.props;
const { Content } = await render(paper);
const base = import.meta.env.BASE_URL;
---
<Page title={paper.data.title}>
  <article data-pagefind-body>
    <h1>{paper.data.title}</h1>
    <p>{paper.data.authors.join(', ')}</p>
    <Content />
  </article>
  <p><a href={\`\${base}days/\${paper.data.day}/\`}>{paper.data.day}</a></p>
</Page>
`,
  );
  write(
    join(dir, 'src/pages/days/[day].astro'),
    `---
import { getCollection } from 'astro:content';
import Page from '../../layouts/Page.astro';

export async function getStaticPaths() {
  const byDay = Map.groupBy(await getCollection('papers'), (paper) => paper.data.day);
  return [...byDay].map(([day, papers]) => ({
    params: { day },
    props: { papers },
    cacheKey: papers.map((paper) => paper.digest).join(),
  }));
}
const { day } = Astro.params;
const { papers } = Astro.props;
const base = import.meta.env.BASE_URL;
---
<Page title={day}>
  <h1>{day}</h1>
  <ul>{papers.map((paper) => <li><a href={\`\${base}papers/\${paper.id}/\`}>{paper.data.title}</a></li>)}</ul>
</Page>
`,
  );
  write(
    join(dir, 'src/pages/index.astro'),
    `---
import { getCollection } from 'astro:content';
import Page from '../layouts/Page.astro';

const days = [...new Set((await getCollection('papers')).map((paper) => paper.data.day))].sort().reverse();
const base = import.meta.env.BASE_URL;
---
<Page title="Papers">
  <p><a href={\`\${base}search/\`}>Search</a></p>
  <ul>{days.map((day) => <li><a href={\`\${base}days/\${day}/\`}>{day}</a></li>)}</ul>
</Page>
`,
  );
  write(
    join(dir, 'src/pages/search.astro'),
    `---
import Page from '../layouts/Page.astro';
const base = import.meta.env.BASE_URL;
---
<Page title="Search">
  <Fragment set:html={${JSON.stringify(searchBody(options.base))}} />
  <script is:inline type="module" src={\`\${base}pagefind/pagefind-component-ui.js\`}></script>
  <script is:inline set:html={${JSON.stringify(QUERY_SCRIPT)}} />
</Page>
`,
  );
}

/**
 * A minimal Hugo site in `dir`: the papers copied as content pages with their front matter unchanged,
 * `/papers/<id>/`, the front matter's `day` as a taxonomy at `/days/<day>/`, a home page, a search page.
 */
export function writeHugoFloor(dir: string, options: FloorOptions): void {
  write(
    join(dir, 'config.toml'),
    `baseURL = ${JSON.stringify(`${options.site.replace(/\/$/, '')}${options.base}`)}
languageCode = "en"
title = "Papers"
buildFuture = true
# No /papers/ and /day/ lists of everything: the Astro floor and Paperboy have none.
disableKinds = ["RSS", "sitemap", "robotsTXT", "section", "taxonomy"]
ignoreErrors = ["error-disable-taxonomy"]
[taxonomies]
  dayterm = "day"
[permalinks]
  day = "/days/:slug/"
`,
  );
  const page = (title: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>
<body>
${body}
</body></html>
`;
  write(
    join(dir, 'layouts/_default/single.html'),
    page(
      '{{ .Title }}',
      `<article data-pagefind-body>
<h1>{{ .Title }}</h1>
<p>{{ delimit .Params.authors ", " }}</p>
{{ .Content }}
</article>
<p><a href="{{ printf "days/%s/" .Params.day | relURL }}">{{ .Params.day }}</a></p>`,
    ),
  );
  write(
    join(dir, 'layouts/_default/list.html'),
    page(
      '{{ .Title }}',
      '<h1>{{ .Title }}</h1>\n<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>',
    ),
  );
  write(
    join(dir, 'layouts/index.html'),
    page(
      'Papers',
      `<p><a href="{{ "search/" | relURL }}">Search</a></p>
<ul>{{ range .Site.Taxonomies.day.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Name }}</a></li>{{ end }}</ul>`,
    ),
  );
  write(
    join(dir, 'layouts/_default/search.html'),
    page(
      'Search',
      `${searchBody(options.base)}
<script type="module" src="{{ "pagefind/pagefind-component-ui.js" | relURL }}"></script>
<script>${QUERY_SCRIPT}</script>`,
    ),
  );
  write(join(dir, 'content/search.md'), '---\ntitle: Search\nlayout: search\nurl: /search/\n---\n');
  const target = join(dir, 'content/papers');
  mkdirSync(target, { recursive: true });
  // Day folders only: the store also keeps its index cache file there.
  const days = readdirSync(options.papersDir, { withFileTypes: true }).filter((entry) => entry.isDirectory());
  for (const { name: day } of days) {
    for (const name of readdirSync(join(options.papersDir, day))) {
      if (name.endsWith('.md')) copyFileSync(join(options.papersDir, day, name), join(target, name));
    }
  }
}
