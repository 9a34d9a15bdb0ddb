import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from 'vitest';
import { minifyReaderScript } from './minify-reader-script.ts';

test('the built reader.js is minified in place, within its 3 KB budget, and still valid script', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'paperboy-reader-'));
  try {
    const built = join(dir, 'reader.js');
    await copyFile(new URL('../../public/reader.js', import.meta.url), built);
    const source = await readFile(built, 'utf8');
    const hook = minifyReaderScript().hooks['astro:build:done'];
    const logged: string[] = [];
    const logger = { info: (line: string) => logged.push(line) };
    await hook?.({ dir: pathToFileURL(`${dir}/`), logger } as never);
    const code = await readFile(built, 'utf8');
    expect(Buffer.byteLength(code)).toBeLessThanOrEqual(3 * 1024);
    expect(code.length).toBeLessThan(source.length);
    // Parses as a classic script (no module syntax), without running it.
    expect(() => new Function(code)).not.toThrow();
    expect(logged).toEqual([`reader.js: ${Buffer.byteLength(source)} → ${Buffer.byteLength(code)} bytes`]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
