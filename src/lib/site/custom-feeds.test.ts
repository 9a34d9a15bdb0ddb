import { describe, expect, test } from 'vitest';
import { paperEntry } from '../../../tests/digest-fixtures.ts';
import { parseFeedsFile } from '../model/feed-query.ts';
import { topicSchema } from '../model/topic.ts';
import {
  compileCustomFeeds,
  describeQuery,
  querySentence,
  selectCustomFeeds,
  type TopicIds,
  topicIdResolver,
} from './custom-feeds.ts';
import { buildDigest } from './digest.ts';
import { compileTaxonomy, topicsFor } from './topics.ts';

/** Biology is filed by a phrase rule (and by a paper's own topic); everything else falls to `other`. */
const taxonomy = [
  topicSchema.parse({
    id: 'biology',
    name: 'Biology & proteins',
    description: 'Molecules of life.',
    match: [{ phrases: ['protein', 'DNA'] }, { categories: ['q-bio'] }],
  }),
  topicSchema.parse({ id: 'other', name: 'Other', description: 'The rest.', fallback: true }),
];
const compiledTaxonomy = compileTaxonomy(taxonomy);

/** Hand-written papers; each expectation below was worked out by reading them, not by the code. */
const papers = buildDigest(
  [
    paperEntry('p-mamba-proteins', '2026-07-30', {
      title: 'Mamba Meets Proteins: State-Space Models for Folding',
      authors: ['Zoë Ångström', 'Li Lei'],
      keywords: ['protein folding'],
      categories: ['cs.LG'],
      upvotes: 10,
    }),
    paperEntry('p-ssm-survey', '2026-07-30', {
      title: 'A Survey of State Space Models',
      authors: ['Yann LeCun'],
      categories: ['cs.LG'],
      upvotes: 5,
    }),
    paperEntry('p-speculative', '2026-07-29', {
      title: 'Speculative Decoding for Large Language Models',
      authors: ['Ada Lovelace'],
      categories: ['cs.CL'],
    }),
    paperEntry('p-genome-lm', '2026-07-29', {
      title: 'Genome Language Models',
      authors: ['Charles Babbage'],
      categories: ['q-bio.GN'],
      topics: ['biology'],
    }),
    paperEntry('p-images', '2026-07-28', {
      title: 'Diffusion for Images',
      authors: ['Yann  Lecun'],
      categories: ['cs.CV'],
    }),
    paperEntry('p-mambas', '2026-07-28', {
      title: 'Of Mambas and Proteinaceous Coats',
      authors: ['Jose\u0301 Garci\u0301a'],
      keywords: ['in-context learning'],
    }),
  ],
  taxonomy,
  ({ data, abstract }) => topicsFor({ ...data, abstract }, compiledTaxonomy),
).papers;

const FEEDS = `
- id: ssm-no-surveys
  title: State space models, no surveys
  query:
    any: { keywords: [state space model, Mamba] }
    not: { keywords: [survey] }
- id: people
  title: People we follow
  query:
    any: { authors: [yann lecun, Jose Garcia] }
- id: bio-lm
  title: Biology language models
  query:
    all: { topics: [biology], keywords: [language model] }
- id: computation-and-language-or-vision
  title: cs.CL or cs.CV
  query:
    any: { categories: [cs.cl, cs.CV] }
- id: computer-science
  title: Any of cs
  query:
    any: { categories: [cs] }
    not: { authors: [Yann LeCun] }
- id: in-context
  title: In-context learning
  query:
    any: { keywords: [in context learning] }
- id: nothing
  title: Nothing yet
  query:
    all: { keywords: [quantum] }
`;

/** The ids each feed of a feeds file holds. */
function selectedIds(text: string, topics: readonly TopicIds[] = taxonomy, warn = (_: string) => {}) {
  const feeds = compileCustomFeeds(parseFeedsFile(text, 'content/feeds.yaml'), topics, warn);
  return Object.fromEntries(
    selectCustomFeeds(feeds, papers).map(({ feed, papers }) => [feed.id, papers.map((paper) => paper.id)]),
  );
}

test('each feed holds exactly the papers its query selects, newest first', () => {
  expect(selectedIds(FEEDS)).toEqual({
    'ssm-no-surveys': ['p-mamba-proteins', 'p-mambas'],
    people: ['p-ssm-survey', 'p-images', 'p-mambas'],
    'bio-lm': ['p-genome-lm'],
    'computation-and-language-or-vision': ['p-speculative', 'p-images'],
    'computer-science': ['p-mamba-proteins', 'p-speculative'],
    'in-context': ['p-mambas'],
    nothing: [],
  });
});

test('a topic the taxonomy’s rules add counts like one a paper set itself', () => {
  // p-mamba-proteins is filed under biology by the phrase "protein"; p-genome-lm set it itself.
  expect(selectedIds('- id: bio\n  title: Bio\n  query: { any: { topics: [biology] } }\n')).toEqual({
    bio: ['p-mamba-proteins', 'p-genome-lm'],
  });
});

describe('topic ids in queries', () => {
  /** The taxonomy after a rename: `biology` became `life-sciences`, and `proteins` was merged into it. */
  const renamed: TopicIds[] = [
    { id: 'life-sciences', formerIds: [{ id: 'biology' }, { id: 'proteins' }] },
    { id: 'other' },
  ];
  const renamedPapers = papers.map((paper) => ({
    ...paper,
    topics: paper.topics.map((slug) => (slug === 'biology' ? 'life-sciences' : slug)),
  }));

  test('a former id selects its successor’s papers, with a warning naming the feed, the id and the successor', () => {
    const warnings: string[] = [];
    const feeds = compileCustomFeeds(
      parseFeedsFile(
        '- id: bio\n  title: Bio\n  query: { any: { topics: [biology] } }\n',
        'content/feeds.yaml',
      ),
      renamed,
      (message) => warnings.push(message),
    );
    expect(feeds[0]?.feed.query.any.topics).toEqual(['life-sciences']);
    expect(selectCustomFeeds(feeds, renamedPapers)[0]?.papers.map((paper) => paper.id)).toEqual([
      'p-mamba-proteins',
      'p-genome-lm',
    ]);
    expect(warnings).toEqual([
      '[paperboy] content/feeds.yaml: feed "bio": query.any.topics: "biology" is a former id of the topic "life-sciences"; it still works, but write "life-sciences".',
    ]);
  });

  test('a current id gives no warning', () => {
    const warnings: string[] = [];
    selectedIds('- id: bio\n  title: Bio\n  query: { any: { topics: [biology] } }\n', taxonomy, (message) =>
      warnings.push(message),
    );
    expect(warnings).toEqual([]);
  });

  test('an unknown id stops the build, naming the feed, the field and the id', () => {
    expect(() =>
      selectedIds(
        '- id: bio\n  title: Bio\n  query: { not: { topics: [biologee] }, any: { keywords: [x] } }\n',
      ),
    ).toThrow(
      'content/feeds.yaml: feed "bio": query.not.topics: unknown topic "biologee"; content/topics.yaml defines: biology, other.',
    );
  });

  test('the resolver: current ids, former ids, and a taxonomy without former ids', () => {
    const resolve = topicIdResolver(renamed);
    expect(['life-sciences', 'biology', 'proteins', 'other', 'vision'].map(resolve)).toEqual([
      'life-sciences',
      'life-sciences',
      'life-sciences',
      'other',
      undefined,
    ]);
    expect(['biology', 'other', 'proteins'].map(topicIdResolver(taxonomy))).toEqual([
      'biology',
      'other',
      undefined,
    ]);
  });
});

test('a query is described in words, with topic names', () => {
  const [feed] = parseFeedsFile(
    `- id: a
  title: A
  query:
    any: { keywords: [beam search], authors: [Ada Lovelace] }
    all: { topics: [biology], categories: [cs.CL, q-bio] }
    not: { keywords: [survey] }
`,
    'content/feeds.yaml',
  );
  const lines = describeQuery(feed?.query as NonNullable<typeof feed>['query'], (id) => `Topic ${id}`);
  expect(lines).toEqual([
    { section: 'any', label: 'At least one of', terms: ['“beam search”', 'author Ada Lovelace'] },
    { section: 'all', label: 'All of', terms: ['topic Topic biology', 'arXiv cs.CL', 'arXiv archive q-bio'] },
    { section: 'not', label: 'None of', terms: ['“survey”'] },
  ]);
  expect(querySentence(lines)).toBe(
    'Papers with at least one of: “beam search”, author Ada Lovelace; all of: topic Topic biology, arXiv cs.CL, arXiv archive q-bio; none of: “survey”.',
  );
});
