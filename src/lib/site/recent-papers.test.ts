import { expect, test } from 'vitest';
import { paperEntry } from '../../../tests/digest-fixtures.ts';
import { topicSchema } from '../model/topic.ts';
import { buildDigest } from './digest.ts';
import { recentPapers } from './recent-papers.ts';

const taxonomy = [
  topicSchema.parse({
    id: 'agents',
    name: 'Agents',
    description: 'Acting.',
    match: [{ phrases: ['agent'] }],
    formerIds: [{ id: 'tool-use', pages: 1 }],
  }),
  topicSchema.parse({ id: 'other', name: 'Other', description: 'The rest.', fallback: true }),
];
const digest = buildDigest(
  [
    paperEntry('old', '2026-07-28'),
    paperEntry('b', '2026-07-30', { upvotes: 1, authors: ['Mei Chen'], keywords: ['web agents'] }),
    paperEntry('a', '2026-07-30', {
      upvotes: 5,
      title: 'Agents $x^2$',
      topics: ['agents'],
      keywords: ['Agent', 'Tool Use', 'tool use', 'agents x'],
    }),
    paperEntry('c', '2026-07-29'),
  ],
  taxonomy,
  ({ data }) => (data.topics.length ? data.topics : ['other']),
);

test('the latest days only, newest first and in each day’s order, one tuple a paper', () => {
  const file = recentPapers(digest.days, 2, taxonomy);
  expect(file.papers).toEqual([
    // "Agent" is in the title (a plural allowed), "tool use" once, "agents x" not a phrase of the title.
    ['a', '2026-07-30', 'Agents $x^2$', [], ['tool use', 'agents x'], ['agents']],
    ['b', '2026-07-30', 'Paper b', ['Mei Chen'], ['web agents'], ['other']],
    ['c', '2026-07-29', 'Paper c', [], [], ['other']],
  ]);
  expect(file.topics).toEqual([
    ['agents', 'Agents'],
    ['other', 'Other'],
  ]);
  expect(file.formerTopics).toEqual({ 'tool-use': 'agents' });
});
