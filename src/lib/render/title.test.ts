import { describe, expect, test } from 'vitest';
import { renderTitle } from './title.ts';

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
