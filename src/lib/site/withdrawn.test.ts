import { describe, expect, test } from 'vitest';
import type { Retraction } from '../model/retraction.ts';
import { retractionsById, withdrawnSitemapFilter, withoutRetracted } from './withdrawn.ts';

const retraction = (id: string): Retraction => ({
  id,
  title: `Paper ${id}`,
  day: '2026-07-30',
  retracted: '2026-08-01',
  reason: 'Withdrawn.',
});

describe('retracted papers on the site', () => {
  test('a record with a tombstone is left out of everything the build lists', () => {
    const retracted = retractionsById([{ data: retraction('b'), file: 'content/papers/retracted/b.yaml' }]);
    const records = ['a', 'b', 'c'].map((id) => ({ data: { id } }));
    expect(withoutRetracted(records, retracted).map((record) => record.data.id)).toEqual(['a', 'c']);
  });

  test('two tombstones of one paper stop the build, naming both files', () => {
    expect(() =>
      retractionsById([
        { data: retraction('b'), file: 'content/papers/retracted/b.yaml' },
        { data: retraction('b'), file: 'tests/fixtures/papers/retracted/b.yaml' },
      ]),
    ).toThrow(
      'paper "b" is retracted twice: content/papers/retracted/b.yaml and tests/fixtures/papers/retracted/b.yaml; keep one',
    );
  });

  test.each(['/', '/paperboy/'])('the sitemap leaves out the withdrawn pages, under the base %s', (base) => {
    const keep = withdrawnSitemapFilter(['2607.99301', 'hep-th_9901001'], base);
    const url = (path: string) => `https://example.org${base}${path}`;
    expect(keep(url('papers/2607.99301/'))).toBe(false);
    expect(keep(url('papers/hep-th_9901001/'))).toBe(false);
    expect(keep(url('papers/2607.99302/'))).toBe(true);
    expect(keep(url('papers/2607.99301/cite.bib'))).toBe(true);
    expect(keep(url('days/2026-07-30/'))).toBe(true);
  });
});
