import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { type ConfigData, HtmlValidate, StaticConfigLoader } from 'html-validate';
import { E2E_SITES } from './builds.ts';

/**
 * Every HTML file of the built site (the demo day plus the fixture papers) against html-validate's
 * recommended and document rules, configured in `.htmlvalidate.json`:
 * - `long-title` is off: a paper page's <title> is the paper's title, and paper titles run long;
 * - `no-inline-style` allows only the properties KaTeX lays formulas out with (our own markup has none);
 * - `require-sri` applies to cross-origin resources only (the site loads nothing from elsewhere).
 * Files are read from the build's output folder rather than crawled, so pages nothing links to (404)
 * are checked too.
 */

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const config = JSON.parse(readFileSync(join(ROOT, '.htmlvalidate.json'), 'utf8')) as ConfigData;

/**
 * A day as an e-mail (`days/DAY/email.html`) is written for mail clients, not browsers: Outlook and
 * Gmail drop stylesheets, so layout lives in inline styles and presentational table attributes.
 */
const emailConfig: ConfigData = {
  ...config,
  rules: {
    ...config.rules,
    'no-inline-style': 'off',
    'no-deprecated-attr': 'off',
    'presentation-role-style': 'off',
    'prefer-tbody': 'off',
  },
};

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.html'))
    .map((name) => join(dir, name));
}

test('every HTML page of the built site validates', async () => {
  test.setTimeout(120_000);
  const { project } = test.info();
  const site = E2E_SITES.find((candidate) => candidate.name === project.name);
  if (!site) throw new Error(`No e2e site for project ${project.name}`);
  const outDir = join(ROOT, site.outDir);
  const validators = {
    page: new HtmlValidate(new StaticConfigLoader(config)),
    email: new HtmlValidate(new StaticConfigLoader(emailConfig)),
  };
  const files = htmlFiles(outDir);
  expect(files.length).toBeGreaterThan(60);
  const problems: string[] = [];
  for (const file of files) {
    const validator = file.endsWith('email.html') ? validators.email : validators.page;
    const report = await validator.validateString(readFileSync(file, 'utf8'), file);
    for (const result of report.results) {
      for (const message of result.messages) {
        problems.push(
          `${relative(ROOT, file)}:${message.line}:${message.column} ${message.ruleId}: ${message.message}`,
        );
      }
    }
  }
  expect(problems).toEqual([]);
});
