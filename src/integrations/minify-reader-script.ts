import { readFile, writeFile } from 'node:fs/promises';
import type { AstroIntegration } from 'astro';
import { transform } from 'esbuild';

/**
 * Minifies `reader.js` in the built site. The script is a plain file in `public/` rather than an
 * Astro-bundled module because it must be a classic script in `<head>`, run before the first paint to
 * apply a chosen theme; Astro bundles only module scripts, which run after the page is parsed.
 */
export function minifyReaderScript(): AstroIntegration {
  return {
    name: 'paperboy:minify-reader-script',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const file = new URL('reader.js', dir);
        const source = await readFile(file, 'utf8');
        const { code } = await transform(source, { minify: true, target: 'es2022', legalComments: 'none' });
        await writeFile(file, code);
        logger.info(`reader.js: ${Buffer.byteLength(source)} → ${Buffer.byteLength(code)} bytes`);
      },
    },
  };
}
