import { describe, expect, test } from 'vitest';
import type { Paper } from './digest.ts';
import { emailDay, emailDigest } from './email.ts';
import { mailListView } from './mail-list.ts';

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

describe('emailDay: the one view of a day behind the e-mail page and every delivered message', () => {
  const paper = (id: string, data: Partial<Paper['data']>, abstract: string): Paper => ({
    id,
    abstract,
    topics: [],
    data: {
      id,
      title: `Title ${id}`,
      day: '2026-07-30',
      authors: [],
      links: {},
      topics: [],
      excludedTopics: [],
      keywords: [],
      categories: [],
      source: 'jsonl',
      ...data,
    },
  });
  const papers = [
    paper(
      'a',
      {
        summary: 'The TL;DR, whole however long.',
        links: { code: 'https://github.com/a/b', abs: 'https://arxiv.org/abs/1' },
      },
      'Ignored.',
    ),
    paper('b', {}, `First sentence. ${'More words. '.repeat(40)}`),
  ];
  const context = {
    siteTitle: 'Paperboy',
    url: (route: string) => `https://u.github.io/paperboy/${route}`,
    abstractOpening: (entry: Paper) => entry.abstract,
  };

  test('titles, absolute URLs, TL;DR or the abstract’s first sentences, links, in the order given', () => {
    const view = emailDay({ day: '2026-07-30', papers }, context);
    expect(view.dayLabel).toBe('Thursday, 30 July 2026');
    expect(view.dayUrl).toBe('https://u.github.io/paperboy/days/2026-07-30/');
    expect(view.subscribeUrl).toBe('https://u.github.io/paperboy/subscribe/');
    expect(view.papers.map((entry) => entry.url)).toEqual([
      'https://u.github.io/paperboy/papers/a/',
      'https://u.github.io/paperboy/papers/b/',
    ]);
    expect(view.papers[0]?.teaser).toBe('The TL;DR, whole however long.');
    expect(view.papers[0]?.code).toBe('https://github.com/a/b');
    expect(view.papers[0]?.links.map((link) => link.label)).toEqual(['arXiv', 'Code']);
    expect(view.papers[1]?.teaser.startsWith('First sentence. More words.')).toBe(true);
    expect(view.papers[1]?.teaser.length).toBeLessThanOrEqual(200);
  });

  test('a delivery lists some of the day and counts the rest; a sent e-mail can be left', () => {
    const view = {
      ...emailDay({ day: '2026-07-30', papers }, context, papers.slice(0, 1)),
      morePapers: 1,
      unsubscribeUrl: 'mailto:d@example.org?subject=unsubscribe',
    };
    const html = emailDigest(view);
    expect(html).toContain('2 papers');
    expect(html).toContain('…and 1 more paper: <a href="https://u.github.io/paperboy/days/2026-07-30/"');
    expect(html).toContain('<a href="mailto:d@example.org?subject=unsubscribe"');
    expect(emailDigest(emailDay({ day: '2026-07-30', papers }, context))).not.toContain('mailto:');
  });
});

describe('mailListView', () => {
  test('an address to write to, with its subject, or a page to sign up on', () => {
    expect(
      mailListView({
        subscribe: 'mailto:join@example.org?subject=subscribe',
        unsubscribe: 'mailto:d%2Bx@example.org?subject=unsubscribe',
      }),
    ).toEqual({
      join: {
        href: 'mailto:join@example.org?subject=subscribe',
        label: 'join@example.org',
        byMail: true,
        subject: 'subscribe',
      },
      leave: {
        href: 'mailto:d%2Bx@example.org?subject=unsubscribe',
        label: 'd+x@example.org',
        byMail: true,
        subject: 'unsubscribe',
      },
    });
    expect(
      mailListView({ subscribe: 'https://forms.example.org/join', unsubscribe: 'mailto:d@example.org' }).join,
    ).toEqual({
      href: 'https://forms.example.org/join',
      label: 'https://forms.example.org/join',
      byMail: false,
    });
  });
});
