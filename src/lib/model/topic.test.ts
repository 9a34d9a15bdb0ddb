import { describe, expect, test } from 'vitest';
import { parseTaxonomy, type TopicData, topicResolver, topicSchema, validateFormerIds } from './topic.ts';

/** A topic entry as written in YAML, run through the real schema so defaults apply. */
function topic(id: string, formerIds: { id: string; pages: number }[] = [], fallback = false): TopicData {
  return topicSchema.parse({
    id,
    name: `Topic ${id}`,
    description: `About ${id}.`,
    match: fallback ? [] : [{ phrases: [id] }],
    fallback,
    formerIds,
  });
}

describe('formerIds in the topic schema', () => {
  test('is optional and defaults to none', () => {
    const parsed = topicSchema.parse({ id: 'vision', name: 'Vision', description: 'Images.' });
    expect(parsed.formerIds).toEqual([]);
  });

  test('keeps each former id with its page count', () => {
    expect(topic('language', [{ id: 'nlp', pages: 3 }]).formerIds).toEqual([{ id: 'nlp', pages: 3 }]);
  });

  test.each([
    ['an id that is not a slug', { id: 'NLP', pages: 1 }, 'formerIds.0.id'],
    ['an id with a slash', { id: 'a/b', pages: 1 }, 'formerIds.0.id'],
    ['an empty id', { id: '', pages: 1 }, 'formerIds.0.id'],
    ['no page count', { id: 'nlp' }, 'formerIds.0.pages'],
    ['zero pages', { id: 'nlp', pages: 0 }, 'formerIds.0.pages'],
    ['a fraction of a page', { id: 'nlp', pages: 1.5 }, 'formerIds.0.pages'],
    ['pages as a string', { id: 'nlp', pages: '2' }, 'formerIds.0.pages'],
    ['more pages than any topic has', { id: 'nlp', pages: 10_001 }, 'formerIds.0.pages'],
    ['an unknown field', { id: 'nlp', pages: 1, successor: 'x' }, 'formerIds.0'],
  ])('rejects %s', (_name, former, path) => {
    const result = topicSchema.safeParse({ id: 't', name: 'T', description: 'D.', formerIds: [former] });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain(path);
  });

  test('accepts the most pages a former id may have', () => {
    expect(topic('t', [{ id: 'old', pages: 10_000 }]).formerIds[0]?.pages).toBe(10_000);
  });
});

describe('validateFormerIds', () => {
  test('accepts renames, merges and a fallback that keeps its id', () => {
    expect(() =>
      validateFormerIds([
        topic('language', [
          { id: 'nlp', pages: 3 },
          { id: 'translation', pages: 1 },
        ]),
        topic('vision', [{ id: 'computer-vision', pages: 12 }]),
        topic('other', [], true),
      ]),
    ).not.toThrow();
  });

  test.each([
    [
      'a former id that is a current id',
      [topic('language', [{ id: 'vision', pages: 1 }]), topic('vision'), topic('other', [], true)],
      'Topic "language" lists the former id "vision", which is the id of the current topic "vision", whose URLs are its own pages.',
    ],
    [
      'a former id that is its own topic’s id',
      [topic('language', [{ id: 'language', pages: 1 }]), topic('other', [], true)],
      'Topic "language" lists the former id "language", which is the id of the current topic "language", whose URLs are its own pages.',
    ],
    [
      'a former id listed twice by one topic',
      [
        topic('language', [
          { id: 'nlp', pages: 1 },
          { id: 'nlp', pages: 2 },
        ]),
        topic('other', [], true),
      ],
      'Topic "language" lists the former id "nlp", which is listed twice.',
    ],
    [
      'a former id listed by two topics (a split names one successor)',
      [
        topic('language', [{ id: 'nlp', pages: 1 }]),
        topic('speech', [{ id: 'nlp', pages: 1 }]),
        topic('other', [], true),
      ],
      'Topic "speech" lists the former id "nlp", which is already a former id of "language"; an old URL leads to exactly one successor.',
    ],
    [
      'a former id on the fallback',
      [topic('language'), topic('other', [{ id: 'misc', pages: 1 }], true)],
      'The fallback topic "other" lists former ids ("misc"): the fallback keeps its id, and a retired topic names as its successor the topic that took most of its papers.',
    ],
    [
      'a current id defined twice',
      [topic('language'), topic('language'), topic('other', [], true)],
      'Topic "language" is defined more than once in the taxonomy.',
    ],
  ])('rejects %s', (_name, topics, message) => {
    expect(() => validateFormerIds(topics)).toThrow(message);
  });
});

describe('topicResolver', () => {
  const language = topic('language', [
    { id: 'nlp', pages: 3 },
    { id: 'translation', pages: 1 },
  ]);
  const vision = topic('vision', [{ id: 'cv', pages: 2 }]);
  const other = topic('other', [], true);
  const resolve = topicResolver([language, vision, other]);

  test.each([
    ['a current id', 'vision', vision],
    ['the fallback', 'other', other],
    ['a renamed id', 'cv', vision],
    ['each of the ids merged into one topic', 'nlp', language],
    ['each of the ids merged into one topic', 'translation', language],
  ])('resolves %s to the topic that holds it now', (_name, id, expected) => {
    expect(resolve(id)).toBe(expected);
  });

  test.each(['nope', 'NLP', '', 'language/2'])('resolves an id no topic ever had (%j) to nothing', (id) => {
    expect(resolve(id)).toBeUndefined();
  });

  test('refuses a taxonomy where an id would lead to two topics', () => {
    expect(() => topicResolver([language, topic('speech', [{ id: 'nlp', pages: 1 }]), other])).toThrow(
      /"nlp".*already a former id of "language"/,
    );
  });
});

describe('parseTaxonomy', () => {
  test('reads the topics of a YAML list, former ids included', () => {
    const topics = parseTaxonomy(`
- id: language
  name: Language
  description: Words.
  match:
    - phrases: [translation]
  formerIds:
    - { id: nlp, pages: 2 }
- id: other
  name: Other
  description: The rest.
  fallback: true
`);
    expect(topics.map((entry) => [entry.id, entry.formerIds])).toEqual([
      ['language', [{ id: 'nlp', pages: 2 }]],
      ['other', []],
    ]);
  });

  test('refuses an entry the schema refuses, naming its field', () => {
    expect(() =>
      parseTaxonomy('- { id: language, name: L, description: D., formerIds: [{ id: nlp, pages: -1 }] }'),
    ).toThrow(/formerIds/);
  });
});
