import { describe, expect, test } from 'vitest';
import { renderTitle, renderTitleChecked, titleParts } from './title.ts';

describe('renderTitle', () => {
  test('inline math renders, the rest is escaped text', () => {
    const html = renderTitle('<script>x</script> $\\mathcal{O}(n)$ & \\( \\alpha \\)-Nets');
    expect(html.startsWith('&lt;script&gt;x&lt;/script&gt; <span class="katex">')).toBe(true);
    expect(html.match(/class="katex"/g)).toHaveLength(2);
    expect(html).toContain(' &amp; ');
    expect(html.endsWith('-Nets')).toBe(true);
  });

  test('a title without math is only escaped', () => {
    expect(renderTitle('A "B" <i>C</i> * _d_')).toBe('A &quot;B&quot; &lt;i&gt;C&lt;/i&gt; * _d_');
  });

  test('a lone dollar sign is text, KaTeX commands cannot link', () => {
    expect(renderTitle('Costs $5 per model')).toBe('Costs $5 per model');
    expect(renderTitle('$\\href{javascript:alert(1)}{x}$')).not.toContain('href="javascript');
  });
});

describe('titleParts', () => {
  const old = (title: string) => {
    const parts: (string | { tex: string })[] = [];
    let last = 0;
    for (const match of title.matchAll(/\$([^$]+?)\$|\\\((.+?)\\\)/g)) {
      if ((match.index ?? 0) > last) parts.push(title.slice(last, match.index));
      parts.push({ tex: match[1] ?? match[2] ?? '' });
      last = (match.index ?? 0) + match[0].length;
    }
    if (last < title.length) parts.push(title.slice(last));
    return parts;
  };

  test('splits exactly as the lazy RegExp it replaced', () => {
    const pieces = ['$', '\\(', '\\)', 'x', ' ', '\n', '\\', '('];
    let seed = 11;
    for (let run = 0; run < 3000; run++) {
      let title = '';
      for (let i = 0; i < 10; i++) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        title += pieces[seed % pieces.length];
      }
      const parts = titleParts(title).map((part) => ('text' in part ? part.text : part));
      expect(parts, JSON.stringify(title)).toEqual(old(title));
    }
  });
});

describe('renderTitleChecked: the render budget', () => {
  test('3,000 nested braces show the formula source instead of overflowing the stack', () => {
    const rendered = renderTitleChecked(`Deep $${'{'.repeat(300)}x${'}'.repeat(300)}$ title`);
    expect(rendered.fallback).toBeUndefined();
    expect(rendered.html).toMatch(/^Deep <span class="math-source" title="[^"]*nests deeper/);
    const long = renderTitleChecked(`$${'{'.repeat(3000)}x${'}'.repeat(3000)}$`);
    expect(long.fallback).toMatch(/title is 6,003 characters long/);
  });

  test('a box-moving command shows its source', () => {
    const html = renderTitle('T $\\raisebox{7em}{NOTICE: this site moved}$');
    expect(html).not.toContain('<math');
    expect(html).toContain('\\raisebox{7em}{NOTICE: this site moved}');
  });

  test('an overlong title is escaped text, shortened, with a reason', () => {
    const rendered = renderTitleChecked(`<b>${'x'.repeat(2000)}`);
    expect(rendered.html.startsWith('&lt;b&gt;xxx')).toBe(true);
    expect(rendered.html.endsWith('…')).toBe(true);
    expect(rendered.fallback).toMatch(/limit 1,000/);
  });
});

test('a title whose formulas would render to more HTML than the budget is escaped text', () => {
  const rendered = renderTitleChecked(`$${'\\boxed{x}'.repeat(110)}$`);
  expect(rendered.fallback).toMatch(/HTML would be .* \(limit 20,000\)/);
  expect(rendered.html).not.toContain('<math');
});
