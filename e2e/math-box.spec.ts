import { expect, type Locator, type Page, test } from '@playwright/test';
import { budgetDay, movingMathPaper } from './site.ts';

/**
 * Where the text of record math lands. A formula may raise, sink, kern or overlap its own text within
 * the length budget (tests/fixtures/papers/2026-07-28/2607.99101.md does all of it); the clipping in
 * src/styles/global.css must keep every visible glyph inside the title or abstract that holds the
 * formula, and off the site header. Bounding boxes alone would not do: a clipped element keeps its
 * full box, so each text box is intersected with every clipping ancestor, as the browser paints it.
 */

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
  text: string;
}

interface TextBoxes {
  /** What the text would cover without clipping. */
  raw: Box[];
  /** Raw boxes that leave their own formula's box: what only the clipping keeps in. */
  outsideFormula: Box[];
  /** What is painted: each raw box cut by the clipping ancestors (clip margin included). */
  visible: Box[];
  container: Box;
}

/** The raw and visible boxes of the text of every formula in `container`. */
function formulaTextBoxes(container: Locator): Promise<TextBoxes> {
  return container.evaluate((root) => {
    const toBox = (rect: DOMRect | Box, text = ''): Box => ({
      left: rect.left,
      top: rect.top,
      right: rect.right,
      bottom: rect.bottom,
      text,
    });
    const raw: Box[] = [];
    const outsideFormula: Box[] = [];
    const visible: Box[] = [];
    for (const formula of root.querySelectorAll('.katex')) {
      const own = formula.getBoundingClientRect();
      // KaTeX's MathML copy beside its HTML is for assistive technology and visually hidden.
      const hasHtml = formula.querySelector(':scope > .katex-html') !== null;
      const walker = document.createTreeWalker(formula, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement as Element;
        if (!node.textContent?.trim() || (hasHtml && parent.closest('.katex-mathml'))) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const rect of range.getClientRects()) {
          if (rect.width === 0 || rect.height === 0) continue;
          const text = node.textContent;
          raw.push(toBox(rect, text));
          if (
            rect.left < own.left - 1 ||
            rect.right > own.right + 1 ||
            rect.top < own.top - 1 ||
            rect.bottom > own.bottom + 1
          )
            outsideFormula.push(toBox(rect, text));
          let box: Box | undefined = toBox(rect, text);
          for (let element: Element | null = parent; element && box; element = element.parentElement) {
            const style = getComputedStyle(element);
            const clipsX = style.overflowX !== 'visible';
            const clipsY = style.overflowY !== 'visible';
            if (!clipsX && !clipsY) continue;
            const edge = element.getBoundingClientRect();
            // `overflow: clip` paints up to its clip margin; scroll containers clip at their box.
            const margin = style.overflowX === 'clip' ? Number.parseFloat(style.overflowClipMargin) || 0 : 0;
            const cut: Box = {
              left: clipsX ? Math.max(box.left, edge.left - margin) : box.left,
              right: clipsX ? Math.min(box.right, edge.right + margin) : box.right,
              top: clipsY ? Math.max(box.top, edge.top - margin) : box.top,
              bottom: clipsY ? Math.min(box.bottom, edge.bottom + margin) : box.bottom,
              text,
            };
            box = cut.right - cut.left > 0.5 && cut.bottom - cut.top > 0.5 ? cut : undefined;
          }
          if (box) visible.push(box);
        }
      }
    }
    return { raw, outsideFormula, visible, container: toBox(root.getBoundingClientRect()) };
  });
}

const inside = (box: Box, outer: Box, tolerance = 1) =>
  box.left >= outer.left - tolerance &&
  box.right <= outer.right + tolerance &&
  box.top >= outer.top - tolerance &&
  box.bottom <= outer.bottom + tolerance;

const overlaps = (a: Box, b: Box) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

async function headerBox(page: Page): Promise<Box> {
  const box = await page.locator('header.site-header').boundingBox();
  if (!box) throw new Error('no site header');
  return { left: box.x, top: box.y, right: box.x + box.width, bottom: box.y + box.height, text: 'header' };
}

/** Checks that each formula's painted text stays in `container`, and that the fixture really is hostile. */
async function expectContained(page: Page, container: Locator, what: string) {
  const { raw, outsideFormula, visible, container: outer } = await formulaTextBoxes(container);
  const header = await headerBox(page);
  expect(raw.length, `${what}: formulas with text`).toBeGreaterThan(0);
  // Without clipping, some of this math would be drawn outside its formula: the fixture still attacks.
  expect(outsideFormula.length, `${what}: unclipped text that leaves its formula`).toBeGreaterThan(0);
  const escaped = visible.filter((box) => !inside(box, outer)).map((box) => box.text);
  expect(escaped, `${what}: painted outside its box`).toEqual([]);
  const onHeader = visible.filter((box) => overlaps(box, header)).map((box) => box.text);
  expect(onHeader, `${what}: painted over the site header`).toEqual([]);
}

for (const viewport of [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
]) {
  test.describe(`record math stays in its box (${viewport.name})`, () => {
    test.use({ viewport: { width: viewport.width, height: viewport.height } });

    test('on the paper page: title and abstract', async ({ page }) => {
      await page.goto(`papers/${movingMathPaper.id}/`);
      const title = page.getByRole('heading', { level: 1 });
      await expectContained(page, title, 'title');
      await expectContained(page, page.locator('.abstract'), 'abstract');
      // Past the length budget nothing is rendered: the source shows as text.
      await expect(title.locator('.math-source')).toContainText('\\raisebox{7em}{NOTICE: this site moved');
      for (const source of ['\\kern-1000em', '\\raisebox{-100em}', '\\mskip-9999mu', '\\def\\a']) {
        await expect(page.locator('.abstract .math-source', { hasText: source })).toHaveCount(1);
      }
    });

    test('on the day page: card titles', async ({ page }) => {
      await page.goto(`days/${budgetDay}/`);
      const card = page.locator('main article').filter({ hasText: 'Boxes that Move' });
      await expectContained(page, card.getByRole('heading'), 'card title');
    });
  });
}

test('record colours cannot hide text', async ({ page }) => {
  await page.goto(`papers/${movingMathPaper.id}/`);
  const hidden = page.locator('.abstract .katex-html', { hasText: /HIDDEN\s*IN\s*BLACK/ });
  const [text, background] = await hidden.evaluate((node) => {
    // The innermost element holding the text, and every background between it and the formula.
    const glyph = [...node.querySelectorAll('*')]
      .filter((element) => element.textContent?.includes('HIDDEN'))
      .at(-1);
    if (!glyph) throw new Error('no HIDDEN text');
    let backgrounds = '';
    for (let element: Element | null = glyph; element && element !== node; element = element.parentElement)
      backgrounds += getComputedStyle(element).backgroundColor;
    return [getComputedStyle(glyph).color, backgrounds];
  });
  const abstractColor = await page.locator('.abstract').evaluate((node) => getComputedStyle(node).color);
  expect(text).toBe(abstractColor);
  expect(background).not.toMatch(/rgb\(0, 0, 0\)/);
});
