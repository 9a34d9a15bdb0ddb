import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, test } from 'vitest';
import { woff2Only } from './katex-woff2-only.ts';

test("KaTeX's own stylesheet keeps one WOFF2 source per font and nothing else changes", () => {
  const css = readFileSync(createRequire(import.meta.url).resolve('katex/dist/katex.min.css'), 'utf8');
  const faces = css.match(/@font-face\{[^}]*\}/g) ?? [];
  expect(faces.length).toBeGreaterThan(10);
  const kept = woff2Only(css);
  const keptFaces = kept.match(/@font-face\{[^}]*\}/g) ?? [];
  expect(keptFaces).toHaveLength(faces.length);
  for (const face of keptFaces) expect(face).toMatch(/src:url\([^)]*\.woff2\) format\("woff2"\)\}$/);
  expect(kept).not.toMatch(/\.ttf|\.woff\)/);
  // Outside the font faces, the stylesheet is the same.
  expect(kept.replace(/@font-face\{[^}]*\}/g, '')).toBe(css.replace(/@font-face\{[^}]*\}/g, ''));
});
