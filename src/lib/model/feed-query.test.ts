import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseFeedsFile } from './feed-query.ts';

const FILE = 'content/feeds.yaml';

/** The one error `parseFeedsFile` throws for a file's text. */
function problems(text: string): string {
  try {
    parseFeedsFile(text, FILE);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the file to be refused');
}

describe('a valid feeds file', () => {
  test('gives each feed with every list present, in file order', () => {
    const feeds = parseFeedsFile(
      `
- id: lab
  title: "  Our lab  "
  query:
    any:
      authors: [Zoë Ångström, Li Lei]
- id: reading-group
  title: Reading group
  description: What we read on Fridays.
  query:
    all: { keywords: [state space model], categories: [cs.LG, q-bio] }
    not:
      keywords:
        - survey
      topics: [other]
`,
      FILE,
    );
    expect(feeds).toEqual([
      {
        id: 'lab',
        title: 'Our lab',
        query: {
          any: { keywords: [], authors: ['Zoë Ångström', 'Li Lei'], topics: [], categories: [] },
          all: { keywords: [], authors: [], topics: [], categories: [] },
          not: { keywords: [], authors: [], topics: [], categories: [] },
        },
      },
      {
        id: 'reading-group',
        title: 'Reading group',
        description: 'What we read on Fridays.',
        query: {
          any: { keywords: [], authors: [], topics: [], categories: [] },
          all: { keywords: ['state space model'], authors: [], topics: [], categories: ['cs.LG', 'q-bio'] },
          not: { keywords: ['survey'], authors: [], topics: ['other'], categories: [] },
        },
      },
    ]);
  });

  test.each([
    ['an empty file', ''],
    ['a file of comments', '# no feeds yet\n'],
    ['an empty list', '[]\n'],
  ])('%s defines no feeds', (_, text) => {
    expect(parseFeedsFile(text, FILE)).toEqual([]);
  });

  test('the committed example is valid', () => {
    const text = readFileSync(new URL('../../../content/feeds.yaml', import.meta.url), 'utf8');
    expect(parseFeedsFile(text, FILE).length).toBeGreaterThan(0);
  });
});

describe('a bad feeds file is refused with the file, the feed, the field and why', () => {
  test.each([
    [
      'a misspelt list name',
      '- id: a\n  title: A\n  query:\n    any:\n      keyword: [diffusion]\n',
      'feed 1 ("a"): query.any: unknown field "keyword"; expected keywords, authors, topics, categories',
    ],
    [
      'a misspelt section',
      '- id: a\n  title: A\n  query:\n    none:\n      keywords: [x]\n    any: { keywords: [y] }\n',
      'feed 1 ("a"): query: unknown field "none"; expected any, all, not',
    ],
    [
      'a misspelt entry field',
      '- id: a\n  title: A\n  descripton: x\n  query: { any: { keywords: [y] } }\n',
      'feed 1 ("a"): unknown field "descripton"; expected id, title, description, query',
    ],
    [
      'an empty keyword',
      '- id: a\n  title: A\n  query: { any: { keywords: [x, "  "] } }\n',
      'feed 1 ("a"): query.any.keywords[1]: must not be empty',
    ],
    [
      'a keyword without a letter or digit',
      '- id: a\n  title: A\n  query: { any: { keywords: ["--"] } }\n',
      'feed 1 ("a"): query.any.keywords[0]: must contain a letter or digit',
    ],
    [
      'a keyword YAML reads as a number',
      '- id: a\n  title: A\n  query: { any: { keywords: [2024] } }\n',
      'feed 1 ("a"): query.any.keywords[0]: expected text (put it in quotes if YAML reads it as a number, a date, true/false or null)',
    ],
    [
      'a single keyword instead of a list',
      '- id: a\n  title: A\n  query: { any: { keywords: diffusion } }\n',
      'feed 1 ("a"): query.any.keywords: expected a list of keywords ([a, b] or one "- item" per line)',
    ],
    [
      'a topic that is not an id',
      '- id: a\n  title: A\n  query: { all: { topics: [Biology & proteins] } }\n',
      'feed 1 ("a"): query.all.topics[0]: expected a topic id like "language-tasks"',
    ],
    [
      'a category that is not one',
      '- id: a\n  title: A\n  query: { any: { categories: ["cs CL"] } }\n',
      'feed 1 ("a"): query.any.categories[0]: expected an arXiv category like "cs.CL" or an archive like "q-bio"',
    ],
    [
      'an id that is not a slug',
      '- id: Reading Group\n  title: A\n  query: { any: { keywords: [x] } }\n',
      'feed 1 ("Reading Group"): id: expected a slug of lower-case letters, digits and single dashes, like "reading-group"',
    ],
    ['a missing title', '- id: a\n  query: { any: { keywords: [x] } }\n', 'feed 1 ("a"): title: missing'],
    [
      'a title of two lines',
      '- id: a\n  title: "One\\nTwo"\n  query: { any: { keywords: [x] } }\n',
      'feed 1 ("a"): title: must be one line',
    ],
    [
      'a query of `not` alone',
      '- id: a\n  title: A\n  query: { not: { keywords: [survey] } }\n',
      'feed 1 ("a"): query: needs at least one term under `any` or `all`: `not` alone would select nearly every paper',
    ],
    [
      'an empty query',
      '- id: a\n  title: A\n  query: { any: {} }\n',
      'feed 1 ("a"): query: needs at least one term under `any` or `all`',
    ],
    ['a missing query', '- id: a\n  title: A\n', 'feed 1 ("a"): query: missing'],
    [
      'a query that is a list',
      '- id: a\n  title: A\n  query: [diffusion]\n',
      'feed 1 ("a"): query: expected a mapping of any, all, not, got a list',
    ],
    [
      'an entry that is not a mapping',
      '- just a string\n',
      'feed 1: expected a mapping of id, title, description, query, got a string',
    ],
    [
      'two feeds with one id',
      '- id: a\n  title: A\n  query: { any: { keywords: [x] } }\n- id: a\n  title: B\n  query: { any: { keywords: [y] } }\n',
      'feed 2 ("a"): feed 1 has the same id; each feed needs its own (it is its URL)',
    ],
    [
      'a mapping instead of a list',
      'reading-group:\n  title: A\n',
      'content/feeds.yaml: expected a list of feeds (each starting with "- id: …"), got a mapping',
    ],
    ['text that is not YAML', '- id: a\n  title: [unclosed\n', 'content/feeds.yaml: not valid YAML: '],
    [
      'a key given twice',
      '- id: a\n  title: A\n  title: B\n  query: { any: { keywords: [x] } }\n',
      'content/feeds.yaml: not valid YAML: duplicated mapping key',
    ],
  ])('%s', (_, text, expected) => {
    const message = problems(text);
    expect(message.startsWith('content/feeds.yaml')).toBe(true);
    expect(message).toContain(expected);
  });

  test('a misspelt list gets its own message, not also one saying the query is empty', () => {
    expect(problems('- id: a\n  title: A\n  query: { any: { keyword: [x] } }\n').split('\n')).toEqual([
      'content/feeds.yaml:',
      '  feed 1 ("a"): query.any: unknown field "keyword"; expected keywords, authors, topics, categories',
    ]);
  });

  test('every problem of every feed is in the one message', () => {
    const message = problems(
      '- id: a\n  title: ""\n  query: { any: { keywords: [""] } }\n- id: ok\n  title: Fine\n  query: { any: { keywords: [x] } }\n- id: B\n  title: C\n  query: { all: { topics: [X] } }\n',
    );
    expect(message.split('\n')).toEqual([
      'content/feeds.yaml:',
      '  feed 1 ("a"): title: must not be empty',
      '  feed 1 ("a"): query.any.keywords[0]: must not be empty',
      '  feed 3 ("B"): id: expected a slug of lower-case letters, digits and single dashes, like "reading-group"',
      '  feed 3 ("B"): query.all.topics[0]: expected a topic id like "language-tasks"',
    ]);
  });

  test('a list longer than 200 terms', () => {
    const keywords = Array.from({ length: 201 }, (_, index) => `w${index}`).join(', ');
    expect(problems(`- id: a\n  title: A\n  query: { any: { keywords: [${keywords}] } }\n`)).toContain(
      'feed 1 ("a"): query.any.keywords: at most 200 keywords per list',
    );
  });
});
