import { parse } from '@retorquere/bibtex-parser';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { type PaperData, paperSchema } from '../model/paper.ts';
import { bibtexEntry, bibtexFile, citationKey } from './bibtex.ts';

function paper(fields: Record<string, unknown>): PaperData {
  return paperSchema.parse({ id: 'x', title: 'A Title', day: '2026-07-30', source: 'hf', ...fields });
}

const PAGE = 'https://user.github.io/paperboy/papers/x/';

/** Reads an entry back the way Zotero's Better BibTeX does (without its English sentence-casing). */
function readBack(bibtex: string) {
  const library = parse(bibtex, { sentenceCase: false });
  expect(library.errors).toEqual([]);
  expect(library.entries).toHaveLength(1);
  return library.entries[0] as (typeof library.entries)[number];
}

/** A creator as one display name: `First von Last`, or the braced name as it was. */
const displayName = (creator: { name?: string; firstName?: string; prefix?: string; lastName?: string }) =>
  creator.name ?? [creator.firstName, creator.prefix, creator.lastName].filter(Boolean).join(' ');

describe('bibtexEntry', () => {
  test('an arXiv paper: @misc with eprint, archivePrefix, primaryClass and the abstract page', () => {
    const data = paper({
      title: 'Advances in Issue Resolution',
      authors: ['Caihua Li', 'Ana Núñez'],
      arxiv: '2601.11655',
      published: '2026-01-15',
      categories: ['cs.SE', 'cs.AI'],
      links: { abs: 'https://arxiv.org/abs/2601.11655' },
    });
    const entry = readBack(bibtexEntry(data, { pageUrl: PAGE }));
    expect(entry.type).toBe('misc');
    expect(entry.key).toBe('li2026advances');
    expect(entry.fields).toMatchObject({
      title: 'Advances in Issue Resolution',
      eprint: '2601.11655',
      archiveprefix: 'arXiv',
      primaryclass: 'cs.SE',
      year: '2026',
      url: 'https://arxiv.org/abs/2601.11655',
    });
    expect((entry.fields.author ?? []).map(displayName)).toEqual(['Caihua Li', 'Ana Núñez']);
  });

  test('special characters round-trip and names BibTeX would split stay whole, in order', () => {
    const data = paper({
      title: 'Costs of 100% recall: $\\alpha$-{nets} & #tags_with ^ and ~',
      authors: ['Jürgen Müller', 'Foo, Inc.', '王 小明', 'Research and Development Lab', 'Ø. Ørsted'],
    });
    const entry = readBack(bibtexEntry(data, { pageUrl: PAGE }));
    expect(entry.fields.title).toBe(data.title);
    expect((entry.fields.author ?? []).map(displayName)).toEqual(data.authors);
    expect(entry.fields.url).toBe(PAGE);
    expect(entry.fields.eprint).toBeUndefined();
  });

  test('any title and names read back exactly, authors in their original order', () => {
    const text = fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 40 })
      .map((value) => value.replace(/\s+/g, ' ').trim())
      .filter((value) => value !== '' && !/[\p{Cc}\p{Cs}\p{Co}\p{Cn}]/u.test(value));
    fc.assert(
      fc.property(text, fc.array(text, { minLength: 1, maxLength: 5 }), (title, authors) => {
        const data = paper({ title, authors: authors.map((name) => `${name} Author`) });
        const entry = readBack(bibtexEntry(data, { pageUrl: PAGE }));
        expect(entry.fields.title).toBe(title);
        expect((entry.fields.author ?? []).map(displayName)).toEqual(data.authors);
      }),
      { seed: 20261128, numRuns: 300 },
    );
  }, 60_000);
});

describe('citationKey and bibtexFile', () => {
  test('keys are ASCII: family name, year, first significant title word', () => {
    expect(citationKey(paper({ title: 'The Über Model', authors: ['José Núñez'] }))).toBe('nunez2026uber');
    expect(citationKey(paper({ title: '¿?', authors: [] }))).toBe('paper2026');
  });

  test('a day file keeps every key unique', () => {
    const same = { title: 'Sequence Models', authors: ['A. Smith'] };
    const file = bibtexFile([
      { data: paper({ ...same, id: 'a' }), pageUrl: PAGE },
      { data: paper({ ...same, id: 'b' }), pageUrl: PAGE },
      { data: paper({ title: 'Other', authors: ['B. Jones'] }), pageUrl: PAGE },
    ]);
    const keys = parse(file).entries.map((entry) => entry.key);
    expect(keys).toEqual(['smith2026sequencea', 'smith2026sequenceb', 'jones2026other']);
  });
});
