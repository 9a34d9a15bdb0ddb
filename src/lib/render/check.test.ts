import { expect, test } from 'vitest';
import { checkRenderable } from './check.ts';

test('a record that renders in full has no problems', () => {
  expect(
    checkRenderable({ title: 'A $\\mathcal{O}(n)$ title', abstract: 'With $x^2$ and *emphasis*.' }),
  ).toEqual([]);
});

test('over-budget fields are reported by field, once each', () => {
  const problems = checkRenderable({ title: 'x'.repeat(1001), abstract: `${'> '.repeat(3000)}x` });
  expect(problems).toEqual([
    { field: 'title', message: expect.stringMatching(/1,001 characters long/) },
    { field: 'abstract', message: expect.stringMatching(/opens 3000 block quotes/) },
  ]);
});

test('a formula shown as source is not a problem of the record', () => {
  expect(checkRenderable({ title: 'T $\\def\\a{x}$', abstract: '$\\kern-100em x$' })).toEqual([]);
});
