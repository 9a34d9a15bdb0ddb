import { describe, expect, test } from 'vitest';
import { paperSchema } from '../model/paper.ts';
import { citationTags, scholarlyJsonLd } from './scholarly.ts';

const data = paperSchema.parse({
  id: '2601.11655',
  title: 'Hostile </script><!-- title & more',
  day: '2026-01-21',
  published: '2026-01-15',
  authors: ['Caihua Li', 'Ana Núñez'],
  arxiv: '2601.11655',
  links: { abs: 'https://arxiv.org/abs/2601.11655', pdf: 'https://arxiv.org/pdf/2601.11655' },
  thumbnail: 'https://cdn.example/2601.11655.png',
  keywords: ['issue resolution'],
  source: 'hf',
});
const description = 'Ends the string\u2028 here.';

describe('scholarlyJsonLd', () => {
  test('parses back to the record: headline, authors in order, date, description, sameAs', () => {
    const json = JSON.parse(scholarlyJsonLd(data, description));
    expect(json).toMatchObject({
      '@type': 'ScholarlyArticle',
      headline: data.title,
      author: [
        { '@type': 'Person', name: 'Caihua Li' },
        { '@type': 'Person', name: 'Ana Núñez' },
      ],
      datePublished: '2026-01-15',
      description,
      sameAs: 'https://arxiv.org/abs/2601.11655',
    });
    // Nothing the page says elsewhere: its abstract and keywords, its URL (canonical), its image (og:image),
    // its arXiv id (sameAs, and the citation_arxiv_id tag).
    for (const repeated of ['abstract', 'keywords', 'url', 'image', 'identifier'])
      expect(json).not.toHaveProperty(repeated);
  });

  test('record text cannot close the script element or open a comment', () => {
    const text = scholarlyJsonLd(data, description);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
  });
});

test('citationTags: one citation_author per author in order, a slashed date, the PDF and arXiv id', () => {
  expect(citationTags(data)).toEqual([
    ['citation_title', data.title],
    ['citation_author', 'Caihua Li'],
    ['citation_author', 'Ana Núñez'],
    ['citation_publication_date', '2026/01/15'],
    ['citation_arxiv_id', '2601.11655'],
    ['citation_pdf_url', 'https://arxiv.org/pdf/2601.11655'],
  ]);
});
