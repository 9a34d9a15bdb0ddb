import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { CODE_PATHS, codeHash } from './code-hash.ts';

let root: string;
const write = (path: string, text: string) => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
};

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'paperboy-code-hash-'));
  write('src/lib/model/paper.ts', 'export const title = 1;\n');
  write('public/reader.js', '/* reader */\n');
  write('astro.config.mjs', 'export default {};\n');
  write('package.json', '{}\n');
  write('package-lock.json', '{}\n');
  write('tsconfig.json', '{}\n');
  write('content/papers/2026-07-30/a.md', '---\nid: a\n---\n');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('codeHash', () => {
  test('the same code, settings and Node give the same hash', () => {
    expect(codeHash(root, 'A=1', 'v24.0.0')).toBe(codeHash(root, 'A=1', 'v24.0.0'));
    expect(codeHash(root, 'A=1', 'v24.0.0')).toMatch(/^[0-9a-f]{20}$/);
  });

  test.each([
    ['src/lib/model/paper.ts', 'export const title = 2;\n'],
    ['src/lib/site/new-module.ts', 'export {};\n'],
    ['public/reader.js', '/* changed */\n'],
    ['astro.config.mjs', 'export default { base: "/x/" };\n'],
    ['package-lock.json', '{"lockfileVersion": 3}\n'],
    ['package.json', '{"scripts": {}}\n'],
    ['tsconfig.json', '{"compilerOptions": {}}\n'],
  ])('a change to %s changes it', (path, text) => {
    const before = codeHash(root, 'A=1', 'v24.0.0');
    write(path, text);
    expect(codeHash(root, 'A=1', 'v24.0.0')).not.toBe(before);
  });

  test('a renamed file changes it, with the same bytes', () => {
    const before = codeHash(root, 'A=1', 'v24.0.0');
    rmSync(join(root, 'src/lib/model/paper.ts'));
    write('src/lib/model/record.ts', 'export const title = 1;\n');
    expect(codeHash(root, 'A=1', 'v24.0.0')).not.toBe(before);
  });

  test('settings and the Node version change it', () => {
    const before = codeHash(root, 'A=1', 'v24.0.0');
    expect(codeHash(root, 'A=2', 'v24.0.0')).not.toBe(before);
    expect(codeHash(root, 'A=1', 'v24.1.0')).not.toBe(before);
  });

  test('content does not: the caches follow content changes with their own keys', () => {
    const before = codeHash(root, 'A=1', 'v24.0.0');
    write('content/papers/2026-07-30/a.md', '---\nid: a\ntitle: changed\n---\n');
    write('content/topics.yaml', '[]\n');
    expect(codeHash(root, 'A=1', 'v24.0.0')).toBe(before);
  });

  test('the paths it covers are the ones this test changes', () => {
    expect([...CODE_PATHS].sort()).toEqual(
      ['astro.config.mjs', 'package-lock.json', 'package.json', 'public', 'src', 'tsconfig.json'].sort(),
    );
  });
});
