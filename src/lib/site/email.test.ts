import { describe, expect, test } from 'vitest';
import { emailDigest } from './email.ts';

const day = {
  siteTitle: 'Paperboy',
  dayLabel: 'Thursday, 30 July 2026',
  dayUrl: 'https://u.github.io/paperboy/days/2026-07-30/',
  subscribeUrl: 'https://u.github.io/paperboy/subscribe/',
  papers: [
    {
      title: 'Hostile <script>alert(1)</script> & "quotes"',
      url: 'https://u.github.io/paperboy/papers/x/',
      authors: ['<img src=x onerror=alert(1)>'],
      teaser: 'An abstract with <b>markup</b>.',
      upvotes: 3,
      links: [
        { label: 'Code', url: 'https://github.com/a/b' },
        { label: 'Bad', url: 'javascript:alert(1)' },
      ],
    },
  ],
};

describe('emailDigest', () => {
  const html = emailDigest(day);

  test('is self-contained: no script, no stylesheet, no style element, no image', () => {
    expect(html).not.toMatch(/<(?:script|link|style|img|iframe|object)\b/i);
  });

  test('every link is absolute http(s)', () => {
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((match) => match[1]);
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href).toMatch(/^https?:\/\//);
  });

  test('record text is escaped, and a non-web link is shown as text only', () => {
    expect(html).toContain('Hostile &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('javascript:');
    expect(html).toContain(' · Bad</p>');
  });
});
