import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

/**
 * The layout's rules (ARCHITECTURE.md), checked on the import statements of the source files
 * themselves, so a convenient shortcut cannot quietly undo them.
 */

const ROOT = fileURLToPath(new URL('../', import.meta.url));

interface Import {
  /** The importing file, relative to the project root. */
  from: string;
  /** The imported module, relative to the project root for our own files, else the package name. */
  target: string;
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(?:ts|mjs|astro)$/.test(entry.name))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

const IMPORT = /^\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;

function importsOf(file: string): Import[] {
  let text = readFileSync(join(ROOT, file), 'utf8');
  // An .astro file's imports are in its frontmatter.
  if (file.endsWith('.astro')) text = text.split(/^---$/m)[1] ?? '';
  return [...text.matchAll(IMPORT)].map((match) => {
    const specifier = match[2] as string;
    const target = specifier.startsWith('.')
      ? relative(ROOT, resolve(ROOT, dirname(file), specifier))
      : specifier;
    return { from: file, target, typeOnly: match[1] !== undefined };
  });
}

const isTest = (file: string) => file.endsWith('.test.ts');
const ownFiles = [
  ...sourceFiles('src'),
  ...sourceFiles('scripts'),
  ...sourceFiles('e2e'),
  ...sourceFiles('tests'),
];
const libImports = sourceFiles('src/lib')
  .filter((file) => !isTest(file))
  .flatMap(importsOf)
  .filter((entry) => entry.target.startsWith('src/'));

/** The imports from one folder of src/lib that leave the folders it may use. */
function violations(folder: string, allowed: readonly string[]): string[] {
  return libImports
    .filter((entry) => entry.from.startsWith(`src/lib/${folder}/`))
    .filter((entry) => !allowed.some((prefix) => entry.target.startsWith(prefix)))
    .map((entry) => `${entry.from} imports ${entry.target}`);
}

describe('the pipeline folders import only the stages before them', () => {
  test.each([
    ['model', ['src/lib/model/']],
    ['cache', ['src/lib/cache/', 'src/settings.ts']],
    ['store', ['src/lib/store/', 'src/lib/model/', 'src/command-line.ts']],
    ['render', ['src/lib/render/', 'src/lib/model/']],
    [
      'import',
      [
        'src/lib/import/',
        'src/lib/store/',
        'src/lib/model/',
        'src/lib/render/',
        'src/settings.ts',
        'src/command-line.ts',
      ],
    ],
    ['site', ['src/lib/site/', 'src/lib/render/', 'src/lib/model/', 'src/settings.ts']],
    ['build', ['src/lib/build/', 'src/lib/site/', 'src/lib/render/', 'src/lib/model/', 'src/settings.ts']],
    [
      'search',
      [
        'src/lib/search/',
        'src/lib/model/',
        'src/lib/store/',
        'src/lib/render/',
        'src/lib/site/',
        'src/lib/cache/',
        'src/settings.ts',
      ],
    ],
    [
      'fetch',
      [
        'src/lib/fetch/',
        'src/lib/import/',
        'src/lib/store/',
        'src/lib/model/',
        'src/settings.ts',
        'src/command-line.ts',
      ],
    ],
    [
      'deliver',
      [
        'src/lib/deliver/',
        'src/lib/model/',
        'src/lib/store/record-file.ts',
        'src/lib/render/',
        'src/lib/site/',
        // The fetcher's retry policy; not its GET client.
        'src/lib/fetch/http.ts',
        'src/settings.ts',
        'src/command-line.ts',
      ],
    ],
    [
      'report',
      ['src/lib/report/', 'src/lib/site/', 'src/lib/store/', 'src/lib/model/', 'src/command-line.ts'],
    ],
    ['size', ['src/lib/size/', 'src/settings.ts']],
  ])('%s/', (folder, allowed) => {
    expect(violations(folder, allowed)).toEqual([]);
  });

  test('a source parser imports no other source, only model/ and the shared helpers', () => {
    const shared = ['values.ts', 'raw-record.ts', 'abstract-links.ts', 'python-literal.ts'].map(
      (name) => `src/lib/import/${name}`,
    );
    const bad = libImports
      .filter((entry) => entry.from.startsWith('src/lib/import/sources/'))
      .filter((entry) => !entry.target.startsWith('src/lib/model/') && !shared.includes(entry.target))
      .map((entry) => `${entry.from} imports ${entry.target}`);
    expect(bad).toEqual([]);
  });

  test('src/lib has no import cycles', () => {
    const graph = new Map<string, string[]>();
    for (const entry of libImports) graph.set(entry.from, [...(graph.get(entry.from) ?? []), entry.target]);
    const cycles: string[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'visiting') {
        cycles.push([...path.slice(path.indexOf(file)), file].join(' → '));
        return;
      }
      state.set(file, 'visiting');
      for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file, []);
    expect(cycles).toEqual([]);
  });
});

describe('the build, pages and components', () => {
  test('only build/ queries the content collections (src/content.config.ts declares them)', () => {
    const bad = sourceFiles('src')
      .filter((file) => file !== 'src/content.config.ts' && !file.startsWith('src/lib/build/'))
      .flatMap(importsOf)
      .filter((entry) => entry.target === 'astro:content')
      .map((entry) => `${entry.from} imports ${entry.target}`);
    expect(bad).toEqual([]);
  });

  test('pages take their data from build/ and site/ only, never from model/, store/, import/ or render/', () => {
    const bad = sourceFiles('src/pages')
      .flatMap(importsOf)
      .filter((entry) => /^src\/lib\/(?!build\/|site\/)/.test(entry.target))
      .map((entry) => `${entry.from} imports ${entry.target}`);
    expect(bad).toEqual([]);
  });

  test('components and layouts get their data as props: they import pure modules of site/, render/ and model/, never build/', () => {
    const bad = [...sourceFiles('src/components'), ...sourceFiles('src/layouts')]
      .flatMap(importsOf)
      .filter((entry) => /^src\/lib\/(?!site\/|render\/|model\/)/.test(entry.target))
      .map((entry) => `${entry.from} imports ${entry.target}`);
    expect(bad).toEqual([]);
  });
});

test('src/command-line.ts, which every stage’s tool may use, imports nothing of ours', () => {
  expect(importsOf('src/command-line.ts').filter((entry) => entry.target.startsWith('src/'))).toEqual([]);
});

test('the middleware, which every rendered page passes through, imports only render/', () => {
  const bad = importsOf('src/middleware.ts')
    .filter((entry) => entry.target.startsWith('src/') && !entry.target.startsWith('src/lib/render/'))
    .map((entry) => `${entry.from} imports ${entry.target}`);
  expect(importsOf('src/middleware.ts').length).toBeGreaterThan(0);
  expect(bad).toEqual([]);
});

test('integrations, loaded by astro.config.mjs before any content, import nothing of ours but settings and cache/', () => {
  const bad = sourceFiles('src/integrations')
    .filter((file) => !isTest(file))
    .flatMap(importsOf)
    .filter(
      (entry) =>
        entry.target.startsWith('src/') &&
        entry.target !== 'src/settings.ts' &&
        !entry.target.startsWith('src/lib/cache/'),
    )
    .map((entry) => `${entry.from} imports ${entry.target}`);
  expect(bad).toEqual([]);
});

test('only src/settings.ts and tests/test-settings.ts read environment variables', () => {
  // The site's settings, and the tests' own (property runs, Chromium, e2e port, CI), each declared once.
  const settingsModules = ['src/settings.ts', 'tests/test-settings.ts'];
  const configs = ['astro.config.mjs', 'playwright.config.ts', 'vitest.config.ts'];
  const readers = [...ownFiles, ...configs]
    // floors.ts writes the source of the benchmark's bare Astro site, which reads its own base path.
    .filter((file) => ![...settingsModules, 'src/layout.test.ts', 'scripts/bench/floors.ts'].includes(file))
    // Handing the whole environment on (`...process.env`, `readSettings(…, process.env)`) is not reading it.
    .filter((file) => /process\.env\s*[.[]|import\.meta\.env/.test(readFileSync(join(ROOT, file), 'utf8')));
  expect(readers).toEqual([]);
});

test('the site’s settings do not depend on the tests’ settings', () => {
  expect(importsOf('src/settings.ts').filter((entry) => entry.target.startsWith('tests/'))).toEqual([]);
  const productFiles = ownFiles.filter((file) => file.startsWith('src/') && !isTest(file));
  const bad = productFiles
    .flatMap(importsOf)
    .filter((entry) => entry.target === 'tests/test-settings.ts')
    .map((entry) => `${entry.from} imports ${entry.target}`);
  expect(bad).toEqual([]);
});
