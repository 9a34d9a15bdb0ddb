import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { hostileText, mathText } from '../../../tests/arbitraries.ts';
import { testSettings } from '../../../tests/test-settings.ts';
import {
  type MathOutput,
  renderAbstract,
  renderAbstractChecked,
  renderAbstractWithText,
} from './abstract.ts';
import { RENDER_BUDGET } from './budget.ts';
import { normaliseMathDelimiters } from './math.ts';
import { plainText } from './plain-text.ts';

/** Real elements only: text `<` is escaped, so any `<name` left in the HTML is markup. */
const elements = (html: string) => html.match(/<[a-z][^>]*>/gi) ?? [];
const visibleText = (html: string) =>
  html
    .replace(/<span class="katex-mathml">[\s\S]*?<\/math><\/span>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&#x3C;/g, '<')
    .replace(/&#x26;/g, '&');

describe('renderAbstract: hostile input never becomes markup', () => {
  test.each([
    ['script tag', '<script>alert(1)</script> after'],
    ['inline script', 'before <script>alert(1)</script> after'],
    ['event handler', 'x <img src=x onerror=alert(1)> y'],
    ['event handler block', '<div onmouseover="alert(1)">hover</div>'],
    ['javascript link', '[click](javascript:alert(1)) and <javascript:alert(2)>'],
    ['data link', '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
    ['iframe', '<iframe src="https://evil.example"></iframe>'],
    ['katex href', '$\\href{javascript:alert(1)}{x}$ and $\\htmlId{a}{b}$'],
    ['markdown image', '![x](https://tracker.example/p.png)'],
  ])('%s', (_, input) => {
    const html = renderAbstract(input);
    for (const element of elements(html)) {
      expect(element).not.toMatch(/^<(script|iframe|img|object|embed|style)/i);
      expect(element).not.toMatch(/\son[a-z]+=/i);
      expect(element).not.toMatch(/(href|src)="\s*(javascript|data|vbscript):/i);
    }
  });

  test('raw HTML is kept as visible text, not dropped', () => {
    const html = renderAbstract('We replace <unk> tokens with <b>bold</b> ones.');
    expect(visibleText(html)).toContain('We replace <unk> tokens with <b>bold</b> ones.');
  });
});

describe('renderAbstract: math', () => {
  test('inline \\( \\) and $ $ math render with KaTeX at build time', () => {
    const html = renderAbstract("An SSM \\( x'(t) = Ax(t) + Bu(t) \\) with $\\alpha$.");
    expect(html.match(/class="katex"/g)).toHaveLength(2);
    expect(html).toContain('<math');
    expect(html).not.toContain('\\(');
  });

  test('\\[ \\] inside a paragraph renders as math; a $$ block renders in display mode', () => {
    expect(renderAbstract('Consider \\[ \\sum_i x_i \\] here.')).toContain('class="katex"');
    expect(renderAbstract('Consider\n\n$$\n\\sum_i x_i\n$$\n\nhere.')).toContain('katex-display');
  });

  test('a KaTeX error shows the source and keeps the rest of the abstract', () => {
    const html = renderAbstract('Before \\( \\frac{1 \\) after the error.');
    expect(html).toContain('katex-error');
    expect(visibleText(html)).toContain('\\frac{1');
    expect(visibleText(html)).toContain('after the error.');
  });

  test('normaliseMathDelimiters converts only LaTeX delimiters', () => {
    expect(normaliseMathDelimiters('a \\( x \\) b \\[ y \\] c (d)')).toBe('a $x$ b $$y$$ c (d)');
  });
});

describe('renderAbstract: links', () => {
  test.each([
    [
      'The code is available at https://github.com/mahdip72/prot2token .',
      'https://github.com/mahdip72/prot2token',
    ],
    ['Code: https://github.com/facebookresearch/SEAL.', 'https://github.com/facebookresearch/SEAL'],
    ['See (https://example.org/a_b).', 'https://example.org/a_b'],
    [
      'Our code is available~https://anonymous.4open.science/r/BIB-ICLR2023-Submission/README.md{here.}',
      'https://anonymous.4open.science/r/BIB-ICLR2023-Submission/README.md',
    ],
  ])('bare URL in %j links to %j without trailing punctuation', (input, url) => {
    const html = renderAbstract(input);
    const hrefs = [...html.matchAll(/href="([^"]+)"/g)].map((match) => match[1]);
    expect(hrefs).toEqual([url]);
  });

  test('external links are marked nofollow ugc noreferrer (which implies noopener)', () => {
    expect(renderAbstract('https://example.org/x')).toContain('rel="nofollow ugc noreferrer"');
  });

  test('the text after a trimmed link is kept', () => {
    expect(visibleText(renderAbstract('at https://x.org/r/README.md{here.}'))).toBe(
      'at https://x.org/r/README.md{here.}',
    );
  });
});

test('feeds get MathML only, without KaTeX layout markup', () => {
  const html = renderAbstract('With $\\alpha$.', 'mathml');
  expect(html).toContain('<math');
  expect(html).not.toContain('katex-html');
});

describe('renderAbstract: records cannot reshape the page', () => {
  test.each([
    ['relative link', '[home](/paperboy/rss.xml)'],
    ['protocol-relative link', '[x](//evil.example/p)'],
    ['mailto link', '[m](mailto:a@b.example)'],
    ['reference link', '[x][r]\n\n[r]: javascript:alert(1)'],
  ])('%s is unwrapped to its text', (_, input) => {
    const html = renderAbstract(input);
    expect(html).not.toContain('<a');
    expect(visibleText(html).trim()).toMatch(/^(home|x|m)$/);
  });

  test('an absolute http(s) link stays a link', () => {
    expect(renderAbstract('[code](https://github.com/a/b)')).toContain('href="https://github.com/a/b"');
  });

  test('headings in a record become paragraphs', () => {
    const html = renderAbstract('# Big\n\nUnderlined\n---\n\ntext');
    expect(html).not.toMatch(/<h[1-6]/);
    expect(visibleText(html)).toContain('Big');
    expect(visibleText(html)).toContain('Underlined');
  });

  test('raw HTML inside emphasis stays inline (no paragraph inside a paragraph)', () => {
    const html = renderAbstract('*a <b>x</b> y* z');
    expect(html.match(/<p>/g)).toHaveLength(1);
    expect(visibleText(html)).toBe('a <b>x</b> y z');
  });

  test('boxes within the length budget render, capped by maxSize; beyond it the source shows', () => {
    expect(renderAbstract('$\\rule{2em}{1em}$')).toContain('border-right-width:2em');
    const html = renderAbstract('$\\rule{500em}{500em}$');
    expect(html).not.toMatch(/:\s*500em/);
    expect(html).toContain('class="math-source"');
    expect(visibleText(html)).toBe('\\rule{500em}{500em}');
  });
});

describe('renderAbstract: the render budget', () => {
  const asPlainText = (input: string) => {
    const rendered = renderAbstractChecked(input);
    expect(rendered.fallback).toBeDefined();
    // Escaped text in paragraphs, and the note: no element made from the record's markup.
    expect(elements(rendered.html).every((element) => /^<p( class="render-note")?>$/.test(element))).toBe(
      true,
    );
    return rendered;
  };

  test.each([
    ['3,000 nested block quotes', `${'> '.repeat(3000)}x`],
    ['1,000 nested list items', `${'- '.repeat(1000)}x`],
    ['lists nested by indentation', Array.from({ length: 100 }, (_, i) => `${'  '.repeat(i)}- x`).join('\n')],
    ['12 KB of nested emphasis', `${'*a '.repeat(2000)}x${' b*'.repeat(2000)}`],
    ['2,000 closing brackets', 'a]'.repeat(2000)],
    ['a URL followed by 1,000 dots', `https://example.org/x${'.'.repeat(1000)}{`],
  ])('%s: escaped plain text, with a reason', (_, input) => {
    const { fallback } = asPlainText(input);
    expect(fallback).toMatch(/limit|more than/);
  });

  test('a 5 MB abstract is shortened to the budget, with a note that says how much is not shown', () => {
    const input = `<b>x</b> ${'word '.repeat(1_000_000)}`;
    const { html } = asPlainText(input);
    expect(html.length).toBeLessThan(RENDER_BUDGET.abstractSource + 200);
    expect(html.startsWith('<p>&lt;b&gt;x&lt;/b&gt; word')).toBe(true);
    expect(html).toContain(
      `${(input.length - RENDER_BUDGET.abstractSource).toLocaleString('en')} more characters`,
    );
  });

  test('blank lines still separate paragraphs in the plain-text fallback', () => {
    const { html } = asPlainText(`First ${'*'.repeat(1500)}\n\n  \nSecond`);
    expect(html.match(/<p>/g)).toHaveLength(2);
  });

  test('an abstract whose HTML would exceed the budget falls back as a whole', () => {
    // 20 formulas of 15 KB each are within the formula budgets, not within the abstract's.
    const input = `$${'\\sqrt{x}'.repeat(12)}$ `.repeat(20);
    const { fallback } = renderAbstractChecked(input);
    expect(fallback).toMatch(/HTML would be/);
  });

  test('past 100 formulas, the rest show their source', () => {
    const html = renderAbstract('$x$ '.repeat(105));
    expect(html.match(/class="katex"/g)).toHaveLength(RENDER_BUDGET.formulas);
    expect(html.match(/class="math-source"/g)).toHaveLength(5);
  });

  test('ordinary abstracts are far within budget', () => {
    const rendered = renderAbstractChecked(
      'We study $x^2$ and [code](https://github.com/a/b). **Bold** _it_.',
    );
    expect(rendered.fallback).toBeUndefined();
  });
});

describe('renderAbstractWithText: HTML and text from one parse', () => {
  test('gives what renderAbstractChecked and plainText give apart, on every kind of abstract', () => {
    fc.assert(
      fc.property(
        fc.oneof(hostileText, mathText),
        fc.constantFrom<MathOutput>('htmlAndMathml', 'mathml'),
        (text, math) => {
          expect(renderAbstractWithText(text, math)).toEqual({
            ...renderAbstractChecked(text, math),
            text: plainText(text),
          });
        },
      ),
      { numRuns: testSettings.propertyRuns, seed: testSettings.propertySeed },
    );
  });
});
