import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { hostileText, mathText, tex } from '../../../tests/arbitraries.ts';
import { unsafeMarkup } from '../../../tests/safe-html.ts';
import { testSettings } from '../../../tests/test-settings.ts';
import { type MathOutput, renderAbstractChecked } from './abstract.ts';
import { RENDER_BUDGET } from './budget.ts';
import { formulaProblem, renderFormula } from './math.ts';
import { plainText } from './plain-text.ts';
import { renderTitleChecked } from './title.ts';

/**
 * Properties of the renderers on generated hostile text (tests/arbitraries.ts): no exception escapes,
 * the output is within budget, and nothing in it can run or load anything. Fixed seed and run count
 * (PAPERBOY_PROPERTY_SEED, PAPERBOY_PROPERTY_RUNS in tests/test-settings.ts); to hunt longer, e.g.
 *   PAPERBOY_PROPERTY_RUNS=5000 npx vitest run src/lib/render/render.property.test.ts
 * A failure prints the seed and path that replay it.
 */

const runs = { numRuns: testSettings.propertyRuns, seed: testSettings.propertySeed };
/** Room for slow inputs: each run takes a few milliseconds, the worst a few hundred. */
const timeout = 30_000 + testSettings.propertyRuns * 100;
const tally = {
  abstracts: 0,
  abstractFallbacks: 0,
  titles: 0,
  titleFallbacks: 0,
  formulas: 0,
  formulaSources: 0,
};
let slowest = { ms: 0, what: '' };

function timed<T>(what: string, run: () => T): T {
  const start = performance.now();
  const result = run();
  const ms = performance.now() - start;
  if (ms > slowest.ms) slowest = { ms, what };
  return result;
}

afterAll(() => {
  console.info(
    `render properties (seed ${testSettings.propertySeed}): ${tally.abstracts} abstract renderings, ${tally.abstractFallbacks} as plain text; ` +
      `${tally.titles} titles, ${tally.titleFallbacks} as plain text; ${tally.formulas} formulas, ${tally.formulaSources} shown as source; ` +
      `slowest ${Math.round(slowest.ms)} ms (${slowest.what})`,
  );
});

/** The abstract renders within its budget and with nothing executable, counted in the tally. */
function expectSafeAbstract(what: string, text: string, output?: MathOutput) {
  const rendered = timed(`${what} ${text.length} chars`, () => renderAbstractChecked(text, output));
  tally.abstracts++;
  if (rendered.fallback) tally.abstractFallbacks++;
  expect(rendered.html.length).toBeLessThanOrEqual(RENDER_BUDGET.abstractHtml);
  expect(unsafeMarkup(rendered.html)).toEqual([]);
}

describe('renderAbstract on hostile text', () => {
  test.each<MathOutput>(['htmlAndMathml', 'mathml'])(
    '%s: never throws, stays within budget, emits nothing executable',
    (output) => {
      fc.assert(
        fc.property(hostileText, (text) => expectSafeAbstract('abstract', text, output)),
        runs,
      );
    },
    timeout,
  );

  test(
    'math-heavy abstracts: same properties',
    () => {
      fc.assert(
        fc.property(mathText, (text) => expectSafeAbstract('math abstract', text)),
        runs,
      );
    },
    timeout,
  );
});

test(
  'renderTitle on hostile text: never throws, stays within budget, emits nothing executable',
  () => {
    fc.assert(
      fc.property(fc.oneof(hostileText, mathText), (title) => {
        const rendered = timed(`title ${title.length} chars`, () => renderTitleChecked(title));
        tally.titles++;
        if (rendered.fallback) tally.titleFallbacks++;
        // Escaped text grows at most sixfold (`"` → `&quot;`), shortened to the title budget plus `…`.
        expect(rendered.html.length).toBeLessThanOrEqual(
          Math.max(RENDER_BUDGET.titleHtml, 6 * RENDER_BUDGET.titleSource + 1),
        );
        expect(unsafeMarkup(rendered.html)).toEqual([]);
      }),
      runs,
    );
  },
  timeout,
);

test(
  'renderFormula on random TeX: never throws; past the checks it shows the source',
  () => {
    fc.assert(
      fc.property(tex, fc.boolean(), (formula, displayMode) => {
        const html = timed(`formula ${formula.length} chars`, () =>
          renderFormula(formula, { displayMode, output: 'htmlAndMathml' }),
        );
        tally.formulas++;
        const refused = formulaProblem(formula) !== undefined;
        if (html.includes('class="math-source"')) tally.formulaSources++;
        if (refused) expect(html).toMatch(/^<(span|div) class="math-source"/);
        expect(html.length).toBeLessThanOrEqual(RENDER_BUDGET.formulaHtml);
        expect(unsafeMarkup(html)).toEqual([]);
      }),
      runs,
    );
  },
  timeout,
);

test(
  'plainText on hostile text: never throws and never grows the text',
  () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const plain = timed(`plain text ${text.length} chars`, () => plainText(text));
        expect(plain.length).toBeLessThanOrEqual(text.length);
      }),
      runs,
    );
  },
  timeout,
);
