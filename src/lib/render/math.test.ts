import { describe, expect, test } from 'vitest';
import { RENDER_BUDGET } from './budget.ts';
import { formulaProblem, normaliseMathDelimiters, renderFormula } from './math.ts';

const inline = { displayMode: false, output: 'htmlAndMathml' } as const;

describe('formulaProblem: what a formula may not do', () => {
  test.each([
    ['a macro definition', '\\def\\a{x}\\a', /defines a macro \(\\def\)/],
    ['\\newcommand', '\\newcommand{\\a}{x}\\a', /\\newcommand/],
    ['\\let', '\\let\\a=\\b', /\\let/],
    ['a raised box', '\\raisebox{7em}{NOTICE}', /7 em/],
    ['a negative kern', 'a\\kern-100em b', /100 em/],
    ['a kern in centimetres', '\\hspace{-10cm}x', /28 em/],
    ['a space hidden behind a comment', '\\kern-100%\nem x', /100 em/],
    ['a unit after white space and a newline', '\\mkern-2000\n mu x', /111 em/],
    ['a rule', '\\rule{500em}{500em}', /500 em/],
    ['a row gap', '\\begin{aligned}a\\\\[50em]b\\end{aligned}', /50 em/],
    ['many small kerns', '\\kern-2em'.repeat(11), /add up to more than 20 em/],
    ['many negative thin spaces', '\\!'.repeat(130), /add up to more than 20 em/],
    ['3,000 nested braces', `${'{'.repeat(3000)}x${'}'.repeat(3000)}`, /long|nests deeper/],
    ['33 nested braces', `${'{'.repeat(33)}x${'}'.repeat(33)}`, /nests deeper than 32/],
    ['nested \\left', `${'\\left('.repeat(40)}x${'\\right)'.repeat(40)}`, /nests deeper/],
    ['a long formula', 'x'.repeat(1001), /1001 characters/],
  ])('%s', (_, tex, reason) => {
    expect(formulaProblem(tex)).toMatch(reason);
  });

  test.each([
    '\\sum_{i=1}^{n} x_i^2',
    '\\int_0^1 f(x)\\,dx \\quad \\text{and} \\quad a \\! b',
    '\\raisebox{0.5ex}{x} \\kern-0.1em \\hspace{1cm} \\rule{2em}{0.4pt}',
    '\\begin{pmatrix} a & b \\\\[2pt] c & d \\end{pmatrix}',
    'x_{10} + 3 \\cdot 5 = 2\\pi r',
    '\\mathrm{define} \\operatorname{let}',
  ])('%s is fine', (tex) => {
    expect(formulaProblem(tex)).toBeUndefined();
  });
});

describe('renderFormula', () => {
  test('a refused formula shows its escaped source with the reason on hover', () => {
    const html = renderFormula('\\raisebox{7em}{<b>NOTICE</b>}', inline);
    expect(html).toBe(
      '<span class="math-source" title="Formula not rendered: the formula moves or sizes something by 7 em (limit 3)">\\raisebox{7em}{&lt;b&gt;NOTICE&lt;/b&gt;}</span>',
    );
    expect(renderFormula('\\def\\a{x}', { ...inline, displayMode: true })).toMatch(
      /^<div class="math-source"/,
    );
  });

  test('a formula whose HTML would exceed the budget shows its source', () => {
    const tex = '\\sqrt{x}'.repeat(120);
    expect(formulaProblem(tex)).toBeUndefined();
    const html = renderFormula(tex, inline);
    expect(html).toMatch(/^<span class="math-source" title="[^"]*characters of HTML \(limit 100,000\)/);
    expect(html.length).toBeLessThan(RENDER_BUDGET.formulaHtml);
  });

  test('a stack overflow inside KaTeX shows the source instead of escaping', () => {
    // Unbraced nesting is not counted by the pre-scan; KaTeX recurses per \sqrt.
    const tex = `${'\\sqrt'.repeat(900)} x`;
    expect(() => renderFormula(tex, inline)).not.toThrow();
  });

  test('a TeX error is KaTeX’s own error span with the source', () => {
    expect(renderFormula('\\frac{1', inline)).toContain('class="katex-error"');
  });
});

describe('normaliseMathDelimiters', () => {
  test.each([
    ['a \\( x \\) b \\[ y \\] c (d)', 'a $x$ b $$y$$ c (d)'],
    ['\\(\\) \\( x \\)', '$\\) \\( x$'],
    ['unclosed \\( x and \\[ y', 'unclosed \\( x and \\[ y'],
    ['\\[a\\]\\[b\\]', '$$a$$$$b$$'],
    ['no math at all', 'no math at all'],
  ])('%j → %j', (input, expected) => {
    expect(normaliseMathDelimiters(input)).toBe(expected);
  });

  test('matches the lazy RegExps it replaced', () => {
    const old = (text: string) =>
      text
        .replace(/\\\[([\s\S]+?)\\\]/g, (_, math: string) => `$$${math.trim()}$$`)
        .replace(/\\\(([\s\S]+?)\\\)/g, (_, math: string) => `$${math.trim()}$`);
    const pieces = ['\\(', '\\)', '\\[', '\\]', 'x', ' ', '\n', '$'];
    let seed = 7;
    for (let run = 0; run < 2000; run++) {
      let text = '';
      for (let i = 0; i < 12; i++) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        text += pieces[seed % pieces.length];
      }
      expect(normaliseMathDelimiters(text), JSON.stringify(text)).toBe(old(text));
    }
  });
});
