import type { AstroIntegration } from 'astro';

/**
 * KaTeX's stylesheet offers each of its 20 fonts as WOFF2, WOFF and TrueType, and Vite copies every
 * file a stylesheet names: 1.1 MB in the site, of which a browser loads only the WOFF2 (every browser
 * since 2016 reads it). This drops the two older formats from the `src` lists, so only the WOFF2 files
 * are published.
 */
export function woff2Only(css: string): string {
  return css.replace(
    /,\s*url\([^)]*\.woff\)\s*format\(["']woff["']\)|,\s*url\([^)]*\.ttf\)\s*format\(["']truetype["']\)/g,
    '',
  );
}

export function katexWoff2Only(): AstroIntegration {
  return {
    name: 'paperboy:katex-woff2-only',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'paperboy:katex-woff2-only',
                enforce: 'pre',
                transform(code: string, id: string) {
                  return /\/katex\/dist\/katex(?:\.min)?\.css$/.test(id.split('?')[0] ?? '')
                    ? woff2Only(code)
                    : undefined;
                },
              },
            ],
          },
        });
      },
    },
  };
}
