import fc from 'fast-check';
import { parse, serialize } from 'parse5';
import { describe, expect, test } from 'vitest';
import { anyChar } from '../../../tests/arbitraries.ts';
import { testSettings } from '../../../tests/test-settings.ts';
import { compactHtml } from './compact-html.ts';
import { escapeHtml } from './escape.ts';

/** The document a browser builds from the HTML, written out one canonical way (parse5 is the standard's parser). */
const tree = (html: string) => serialize(parse(html));

describe('compactHtml', () => {
  test('drops the quotes of values that need none, and keeps those of values that do', () => {
    expect(compactHtml('<a href="/paperboy/papers/2406.12056/" class="brand" rel="prev">x</a>')).toBe(
      '<a href=/paperboy/papers/2406.12056/ class=brand rel=prev>x</a>',
    );
    expect(compactHtml('<meta name="description" content="Tom &amp; Jerry">')).toBe(
      '<meta name=description content="Tom &amp; Jerry">',
    );
    for (const value of ['a b', 'a=b', "it's", 'a`b', 'a<b', 'a>b', 'tab\there'])
      expect(compactHtml(`<i title="${value}">`)).toBe(`<i title="${value}">`);
  });

  test('an empty value is written as the bare attribute, and a bare attribute stays bare', () => {
    expect(compactHtml('<img src="/a.png" alt="" width="22"><pre data-copy>')).toBe(
      '<img src=/a.png alt width=22><pre data-copy>',
    );
  });

  test('leaves out the end tags of list items, terms, definitions and paragraphs where the parser implies them', () => {
    expect(compactHtml('<ol><li><a href="/a/">A</a></li><li>B</li></ol>')).toBe(
      '<ol><li><a href=/a/>A</a><li>B</ol>',
    );
    expect(compactHtml('<dl><dt>Published</dt><dd>17 Jun</dd><dt>Upvotes</dt><dd>2</dd></dl>')).toBe(
      '<dl><dt>Published<dd>17 Jun<dt>Upvotes<dd>2</dl>',
    );
    expect(compactHtml('<div><p>one</p><p>two</p><ul><li>x</li></ul><p>three</p></div>')).toBe(
      '<div><p>one<p>two<ul><li>x</ul><p>three</div>',
    );
  });

  test('keeps the end tags the parser would not imply', () => {
    // A paragraph inside a link, before inline content, or before whitespace or a comment.
    for (const html of [
      '<a href="#x"><p>x</p></a>',
      '<div><p>x</p><span>y</span></div>',
      '<ul><li>x</li> <li>y</li></ul>',
      '<ul><li>x</li><!-- c --><li>y</li></ul>',
      '<dl><div><dt>a</dt><dd>b</dd></div></dl>',
      '<noscript><p>x</p></noscript>',
    ])
      expect(tree(compactHtml(html))).toBe(tree(html));
    expect(compactHtml('<a href="#x"><p>x</p></a>')).toContain('</p>');
    expect(compactHtml('<div><p>x</p><span>y</span></div>')).toContain('</p>');
    expect(compactHtml('<ul><li>x</li> <li>y</li></ul>')).toContain('</li> ');
  });

  test('copies scripts, styles, titles and text as they are', () => {
    const head =
      '<title>A &lt;li&gt; title</title><script type="application/ld+json">{"a":"</li><p x=\\"y\\">"}</script>' +
      '<style>p > a[href="x"] { color: red }</style>';
    expect(compactHtml(head)).toBe(
      '<title>A &lt;li&gt; title</title><script type=application/ld+json>{"a":"</li><p x=\\"y\\">"}</script>' +
        '<style>p > a[href="x"] { color: red }</style>',
    );
    const bibtex = '<pre data-copy><code>@misc{liu2024,\n  title = {{A &lt;b&gt; title}},\n}</code></pre>';
    expect(compactHtml(bibtex)).toBe(bibtex);
  });

  test('keeps a self-closing slash apart from an unquoted value before it', () => {
    const svg = '<svg viewBox="0 0 10 10"><path d="M0,0z"/><path d="M1 1"/></svg>';
    expect(compactHtml(svg)).toBe('<svg viewBox="0 0 10 10"><path d=M0,0z /><path d="M1 1"/></svg>');
    expect(tree(compactHtml(svg))).toBe(tree(svg));
  });

  test('a value with a quote in single quotes keeps it, in double quotes', () => {
    expect(compactHtml(`<i title='say "hi"'>`)).toBe('<i title="say &quot;hi&quot;">');
  });
});

/**
 * Documents shaped like Astro's output (attribute values in double quotes, text escaped) and valid in
 * their content models, as every built page is (e2e/html-validate.spec.ts): the compacted HTML parses to
 * the same document.
 */
describe('compactHtml keeps the document', () => {
  const text = fc.string({ unit: anyChar, maxLength: 12 }).map(escapeHtml);
  const attributes = fc
    .uniqueArray(
      fc.record({
        name: fc.constantFrom('href', 'class', 'title', 'data-x', 'alt', 'content', 'rel', 'aria-label'),
        value: fc.oneof(
          fc.constantFrom('', '/paperboy/papers/2406.12056/', 'a b', 'x=y', 'a/', '/', "it's", 'a&b', '"q"'),
          fc.string({ unit: anyChar, maxLength: 8 }),
        ),
      }),
      { selector: (attribute) => attribute.name, maxLength: 3 },
    )
    .map((list) => list.map(({ name, value }) => ` ${name}="${escapeHtml(value)}"`).join(''));

  const { flow } = fc.letrec<{ phrasing: string; flow: string; item: string }>((tie) => ({
    phrasing: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      text,
      fc
        .tuple(
          fc.constantFrom('span', 'strong', 'a', 'code', 'bdi'),
          attributes,
          fc.array(tie('phrasing'), { maxLength: 3 }),
        )
        .map(([name, attrs, children]) => `<${name}${attrs}>${children.join('')}</${name}>`),
      attributes.map((attrs) => `<img${attrs}>`),
      attributes.map((attrs) => `<svg viewBox="0 0 1 1"><path${attrs}/></svg>`),
    ),
    item: fc.array(tie('flow'), { maxLength: 3 }).map((children) => `<li>${children.join('')}</li>`),
    flow: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      tie('phrasing'),
      fc
        .tuple(attributes, fc.array(tie('phrasing'), { maxLength: 3 }))
        .map(([attrs, children]) => `<p${attrs}>${children.join('')}</p>`),
      fc
        .tuple(
          fc.constantFrom('div', 'section', 'article', 'nav', 'main', 'header'),
          attributes,
          fc.array(tie('flow'), { maxLength: 3 }),
        )
        .map(([name, attrs, children]) => `<${name}${attrs}>${children.join('')}</${name}>`),
      fc
        .tuple(fc.constantFrom('ul', 'ol'), attributes, fc.array(tie('item'), { maxLength: 3 }))
        .map(([name, attrs, items]) => `<${name}${attrs}>${items.join('')}</${name}>`),
      fc
        .array(
          fc.tuple(fc.array(tie('phrasing'), { maxLength: 2 }), fc.array(tie('flow'), { maxLength: 2 })),
          { maxLength: 3 },
        )
        .map(
          (pairs) =>
            `<dl>${pairs.map(([term, definition]) => `<dt>${term.join('')}</dt><dd>${definition.join('')}</dd>`).join('')}</dl>`,
        ),
      fc
        .tuple(fc.array(tie('phrasing'), { maxLength: 2 }))
        .map(([children]) => `<a href="/x/"><p>${children.join('')}</p></a>`),
      fc.tuple(text).map(([content]) => `<pre><code>${content}</code></pre>`),
      fc
        .tuple(text)
        .map(([content]) => `<script type="application/ld+json">{"x":"${content}</p></li>"}</script>`),
    ),
  }));

  test('for any such document', () => {
    fc.assert(
      fc.property(fc.array(flow, { maxLength: 4 }), (body) => {
        const html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body>${body.join('')}</body></html>`;
        expect(tree(compactHtml(html))).toBe(tree(html));
      }),
      { numRuns: Math.max(testSettings.propertyRuns, 300), seed: testSettings.propertySeed },
    );
  });
});
