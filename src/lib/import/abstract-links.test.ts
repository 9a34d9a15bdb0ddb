import { describe, expect, test } from 'vitest';
import { linksFromAbstract } from './abstract-links.ts';

describe('linksFromAbstract', () => {
  test.each([
    ['The code is available at https://github.com/a/b .', { code: 'https://github.com/a/b' }],
    ['Released at https://github.com/a/b/blob/master/x.', { code: 'https://github.com/a/b/blob/master/x' }],
    ['on this webpage.https://github.com/a/b.', { code: 'https://github.com/a/b' }],
    ['Code: https://example.org/code), and more', { code: 'https://example.org/code' }],
    [
      'See (https://en.wikipedia.org/wiki/Foo_(bar)).',
      { project: 'https://en.wikipedia.org/wiki/Foo_(bar)' },
    ],
    ['Data at https://huggingface.co/datasets/x/y.', { project: 'https://huggingface.co/datasets/x/y' }],
    ['Our implementation: https://huggingface.co/spaces/x/y', { code: 'https://huggingface.co/spaces/x/y' }],
    ['no links here', {}],
    ['javascript:alert(1) is not a link', {}],
  ])('%j', (abstract, expected) => {
    expect(linksFromAbstract(abstract)).toEqual(expected);
  });
});
