import { describe, expect, test } from 'vitest';
import { paperSchema } from '../model/paper.ts';
import { cardFacts } from './card.ts';

const record = (extra: Record<string, unknown> = {}) =>
  paperSchema.parse({ id: 'x', title: 'X', day: '2026-07-30', source: 'hf', ...extra });

const neverAsked = () => {
  throw new Error('the abstract was parsed although the record has a summary');
};

describe('cardFacts', () => {
  test('a full record: thumbnail, counts, organisation, the PDF and the code link', () => {
    const facts = cardFacts(
      record({
        summary: 'Short.',
        thumbnail: 'https://cdn.example/t.png',
        upvotes: 1234,
        githubStars: 1,
        organization: 'NVIDIA',
        links: {
          abs: 'https://arxiv.org/abs/1',
          pdf: 'https://arxiv.org/pdf/1',
          code: 'https://github.com/a/b',
        },
      }),
      neverAsked,
    );
    expect(facts).toEqual({
      teaser: 'Short.',
      isSummary: true,
      thumbnail: 'https://cdn.example/t.png',
      counts: ['1,234 upvotes', '1 GitHub star'],
      organization: 'NVIDIA',
      read: { label: 'PDF', url: 'https://arxiv.org/pdf/1' },
      code: 'https://github.com/a/b',
    });
  });

  test('a bare record: the abstract’s opening, no counts, no links', () => {
    const facts = cardFacts(record(), () => 'The abstract.');
    expect(facts).toEqual({ teaser: 'The abstract.', isSummary: false, counts: [] });
  });

  test('zero upvotes and zero stars are shown: they are facts, not absences', () => {
    expect(cardFacts(record({ upvotes: 0, githubStars: 0 }), () => '').counts).toEqual([
      '0 upvotes',
      '0 GitHub stars',
    ]);
  });

  test('without a PDF the card links the arXiv page', () => {
    const facts = cardFacts(record({ links: { abs: 'https://arxiv.org/abs/1' } }), () => '');
    expect(facts.read).toEqual({ label: 'arXiv', url: 'https://arxiv.org/abs/1' });
  });

  test('an http thumbnail is left out: the pages allow https images only', () => {
    expect(cardFacts(record({ thumbnail: 'http://cdn.example/t.png' }), () => '').thumbnail).toBeUndefined();
  });

  test('a long summary or abstract is cut to about 200 characters', () => {
    const sentence = 'A sentence of exactly forty characters. ';
    const long = sentence.repeat(20).trim();
    expect(cardFacts(record({ summary: long }), neverAsked).teaser).toBe(sentence.repeat(5).trim());
    expect(cardFacts(record(), () => long).teaser).toBe(sentence.repeat(5).trim());
  });
});
