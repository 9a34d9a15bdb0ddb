import { describe, expect, test } from 'vitest';
import {
  emptyPersonal,
  type Follows,
  followMatcher,
  isFollowTerm,
  MAX_PERSONAL_BYTES,
  type Personal,
  readPersonal,
  writePersonal,
} from './follows.ts';
import type { RecentPaper } from './recent-papers.ts';

const paper = (fields: {
  title?: string;
  authors?: string[];
  keywords?: string[];
  topics?: string[];
}): RecentPaper => [
  'id',
  '2026-07-30',
  fields.title ?? '',
  fields.authors ?? [],
  fields.keywords ?? [],
  fields.topics ?? [],
];

const follows = (fields: Partial<Follows>): Follows => ({ ...emptyPersonal().follows, ...fields });

const agentPaper = paper({
  title: 'Tool-using agents that plan',
  keywords: ['reinforcement learning', 'web navigation'],
  authors: ['José Álvarez', 'Mei Chen'],
  topics: ['agents'],
});
const visionPaper = paper({
  title: 'A survey of image diffusion',
  keywords: ['diffusion models'],
  authors: ['Ada Lovelace'],
  topics: ['image-video'],
});

describe('followMatcher', () => {
  test('nothing followed matches nothing, even with exclusions', () => {
    expect(followMatcher(follows({}), {})).toBeUndefined();
    expect(followMatcher(follows({ excluded: ['survey'] }), {})).toBeUndefined();
  });

  test('a followed topic, keyword or author each select their papers', () => {
    const byTopic = followMatcher(follows({ topics: ['agents'] }), {});
    expect([byTopic?.(agentPaper), byTopic?.(visionPaper)]).toEqual([true, false]);
    // Whole words, any case, a plural allowed, spaces and dashes alike.
    const byKeyword = followMatcher(follows({ keywords: ['Diffusion Model'] }), {});
    expect([byKeyword?.(agentPaper), byKeyword?.(visionPaper)]).toEqual([false, true]);
    const byPhrase = followMatcher(follows({ keywords: ['tool using agent'] }), {});
    expect(byPhrase?.(agentPaper)).toBe(true);
    expect(followMatcher(follows({ keywords: ['plan'] }), {})?.(agentPaper)).toBe(true);
    expect(followMatcher(follows({ keywords: ['pla'] }), {})?.(agentPaper)).toBe(false);
    // Without case or accents.
    const byAuthor = followMatcher(follows({ authors: ['jose alvarez'] }), {});
    expect([byAuthor?.(agentPaper), byAuthor?.(visionPaper)]).toEqual([true, false]);
    expect(followMatcher(follows({ authors: ['José'] }), {})?.(agentPaper)).toBe(false);
  });

  test('an excluded keyword takes a paper out whatever else it matches', () => {
    const matcher = followMatcher(follows({ topics: ['agents', 'image-video'], excluded: ['survey'] }), {});
    expect([matcher?.(agentPaper), matcher?.(visionPaper)]).toEqual([true, false]);
  });

  test('a former topic id follows its successor; an id that is no key of the map stays itself', () => {
    const matcher = followMatcher(follows({ topics: ['tool-use'] }), { 'tool-use': 'agents' });
    expect(matcher?.(agentPaper)).toBe(true);
    const inherited = followMatcher(follows({ topics: ['constructor'] }), {});
    expect(inherited?.(paper({ topics: ['constructor'] }))).toBe(true);
    expect(inherited?.(agentPaper)).toBe(false);
  });
});

const saved = {
  id: '2607.01234',
  title: 'A <img src=x onerror=alert(1)> title with $x^2$',
  authors: ['Ada Lovelace', 'Mei Chen'],
  day: '2026-07-30',
  url: '/paperboy/papers/2607.01234/',
  read: true,
};
const file = (fields: object) => JSON.stringify({ paperboy: 1, ...fields });

describe('readPersonal', () => {
  test('reads back what writePersonal wrote, markup kept as text (the pages show it inert)', () => {
    const personal: Personal = {
      follows: follows({
        topics: ['agents'],
        keywords: ['diffusion'],
        authors: ['Mei Chen'],
        excluded: ['survey'],
      }),
      saved: [saved, { ...saved, id: 'a-slug-id', url: '/papers/a-slug-id/', read: false }],
    };
    expect(readPersonal(writePersonal(personal))).toEqual({ personal, left: 0 });
  });

  test('keeps an entry once', () => {
    const text = file({ follows: { keywords: ['a', 'a'] }, saved: [saved, { ...saved, title: 'Later' }] });
    expect(readPersonal(text)).toEqual({
      personal: { follows: follows({ keywords: ['a'] }), saved: [saved] },
      left: 0,
    });
  });

  test.each([
    ['a script URL', { ...saved, url: 'javascript:alert(1)' }],
    ['a link to another host', { ...saved, url: '//127.0.0.2/papers/x/' }],
    ['a backslash host', { ...saved, url: '/\\127.0.0.2/' }],
    ['an absolute URL', { ...saved, url: 'http://127.0.0.2/papers/x/' }],
    ['an id that is a path', { ...saved, id: '../etc' }],
    ['no id', { ...saved, id: undefined }],
    ['a day that is no date', { ...saved, day: '30 July' }],
    ['a number for a title', { ...saved, title: 7 }],
    ['a title of invisible characters', { ...saved, title: '\u200b\u200b' }],
    ['a title past 1,000 characters', { ...saved, title: 'a'.repeat(1_001) }],
    ['an author that is no text', { ...saved, authors: [1] }],
    ['a read mark that is text', { ...saved, read: 'yes' }],
    ['nothing', null],
  ])('leaves out, counted, a saved paper with %s, and keeps the rest', (_, bad) => {
    expect(readPersonal(file({ saved: [bad, saved] }))).toEqual({
      personal: { follows: follows({}), saved: [saved] },
      left: 1,
    });
  });

  test.each([
    ['topics', 'Agents!'],
    ['topics', 'a'.repeat(101)],
    ['keywords', 'a'.repeat(301)],
    ['keywords', '\u200b'],
    ['authors', 'Ada\u0000'],
    ['excluded', 7],
  ] as const)('leaves out a %s term %j', (kind, term) => {
    expect(isFollowTerm(kind, term)).toBe(false);
    expect(readPersonal(file({ follows: { [kind]: [term, 'kept'] } }))).toEqual({
      personal: { follows: follows({ [kind]: ['kept'] }), saved: [] },
      left: 1,
    });
  });

  test.each([
    ['larger than 2 MB', ' '.repeat(MAX_PERSONAL_BYTES + 1), /larger than 2 MB/],
    ['not JSON', '{"paperboy": 1,', /not JSON/],
    ['another file', JSON.stringify({ follows: {} }), /not a file this site exported/],
    ['a list', '[1]', /not a file this site exported/],
    ['null', 'null', /not a file this site exported/],
    ['empty', '', /not JSON/],
  ])('refuses a file that is %s, saying why', (_, text, reason) => {
    expect(() => readPersonal(text)).toThrow(reason);
  });
});
