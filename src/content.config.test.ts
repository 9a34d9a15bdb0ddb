import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';

// The content layer itself, not a copy of its rules: `astro sync` loads the collection from a folder
// holding one broken record, as `astro build` would.
// Inside the project: the content layer reads globs relative to it (src/content.config.ts).
mkdirSync('.test-content', { recursive: true });
const dir = mkdtempSync('.test-content/invalid-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('an invalid record stops the build with its file and field', { timeout: 120_000 }, () => {
  mkdirSync(join(dir, '2026-07-30'));
  writeFileSync(
    join(dir, '2026-07-30', 'broken-record.md'),
    "---\nid: broken-record\ntitle: A paper\nday: '2026-07-30'\nlinks:\n  code: javascript:alert(1)\nsource: text\n---\nAbstract.\n",
  );
  const result = spawnSync('npx', ['astro', 'sync'], {
    env: { ...process.env, PAPERBOY_CONTENT: `${dir}/**/*.md` },
    encoding: 'utf8',
  });
  const output = `${result.stdout}${result.stderr}`;
  expect(result.status).not.toBe(0);
  expect(output).toContain('broken-record.md');
  expect(output).toMatch(/links\.code[^\n]*expected an absolute http\(s\) URL/);
});
