import { describe, expect, test } from 'vitest';
import { normaliseMathDelimiters, renderAbstract } from './render.ts';

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

  test('external links are marked nofollow ugc noopener', () => {
    expect(renderAbstract('https://example.org/x')).toContain('rel="nofollow ugc noopener noreferrer"');
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
