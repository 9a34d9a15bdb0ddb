import { expect, test } from '@playwright/test';
import { budgetDay, longAbstractPaper, paperFiles, plainTextPaper } from './site.ts';

/** Records past the render budget (tests/fixtures/papers/2026-07-28) build, and say what they show. */

test('an abstract nested too deeply to format is escaped plain text, with a note', async ({ page }) => {
  await page.goto(`papers/${plainTextPaper.id}/`);
  const abstract = page.locator('.abstract');
  await expect(abstract).toContainText('> > > > > A quotation nested three thousand levels deep');
  await expect(abstract.locator('blockquote')).toHaveCount(0);
  await expect(abstract.locator('.render-note')).toHaveText(
    'Shown as plain text: this abstract is too large or too deeply nested to format.',
  );
  // The title's 3,000-brace formula: escaped text, shortened.
  const title = page.getByRole('heading', { level: 1 });
  await expect(title).toContainText('Deep Nesting: a ${{{');
  expect((await title.textContent())?.trim().endsWith('…')).toBe(true);
});

test('an abstract longer than the budget is shortened, and the note says by how much', async ({ page }) => {
  await page.goto(`papers/${longAbstractPaper.id}/`);
  await expect(page.locator('.abstract .render-note')).toHaveText(
    /^Shown as plain text and shortened: [\d,]+ more characters are not shown\.$/,
  );
});

test('the day of over-budget records lists every one of them', async ({ page }) => {
  await page.goto(`days/${budgetDay}/`);
  await expect(page.locator('main article')).toHaveCount(paperFiles(budgetDay).length);
});
