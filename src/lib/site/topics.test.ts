import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { type TopicData, topicSchema } from '../model/topic.ts';
import { readRecord } from '../store/record-file.ts';
import { type CompiledTaxonomy, compileTaxonomy, type PaperForTopics, topicsFor } from './topics.ts';

/** A topic entry as written in YAML, run through the real schema so defaults apply. */
function topic(id: string, phrases: string[] = [], categories: string[] = [], fallback = false): TopicData {
  return topicSchema.parse({
    id,
    name: id,
    description: `About ${id}.`,
    match: { phrases, categories },
    fallback,
  });
}

/** A paper with nothing but the given fields set. */
function paper(fields: Partial<PaperForTopics>): PaperForTopics {
  return { title: '', abstract: '', keywords: [], categories: [], topics: [], ...fields };
}

/** Compiles a taxonomy of one phrase topic plus the fallback. */
function onePhrase(phrase: string): CompiledTaxonomy {
  return compileTaxonomy([topic('t', [phrase]), topic('other', [], [], true)]);
}

describe('phrase matching', () => {
  test.each([
    // Whole words only, case-insensitive.
    ['RNA', 'Long non-coding rna transcripts', true],
    ['RNA', 'Machine learning for graphs', false],
    ['RNA', 'We predict mRNAs', false],
    ['protein', 'PROTEIN folding', true],
    ['protein', 'A proteinaceous coat', false],
    // An optional plural `s` or `es`, on the last word only.
    ['protein', 'Families of proteins', true],
    ['beam search', 'Diverse beam searches', true],
    ['recurrent neural network', 'Recurrent neural networks (RNNs)', true],
    ['RNN', 'linear RNNs', true],
    ['gene', 'generative models', false],
    ['S4', 'the S4s model', false],
    // Spaces and dashes between words are interchangeable.
    ['state space model', 'a state-space model', true],
    ['state-space model', 'a state space model', true],
    ['state space model', 'a state\u2013space\nmodel', true],
    ['in-context learning', 'in context learning', true],
    ['state space model', 'a statespace model', false],
    // RegExp metacharacters are literal.
    ['C++', 'compilers for C++ code', true],
    ['C++', 'compilers for C code', false],
    ['k-NN (K=1)', 'a k-NN (K=1) baseline', true],
    ['a.b', 'a-b and axb', false],
    ['(S4)', 'the model (S4) is fast', true],
    // Unicode letters are word characters, and text is compared in NFC.
    ['café', 'Le Café du coin', true],
    ['café', 'cafébar', false],
    ['caf', 'café', false],
    ['café', 'cafe\u0301 au lait', true],
    ['ДНК', 'последовательности днк', true],
  ])('%j in %j: %s', (phrase, text, expected) => {
    expect(topicsFor(paper({ abstract: text }), onePhrase(phrase))).toEqual(expected ? ['t'] : ['other']);
  });

  test('matches in the title and in keywords too', () => {
    const compiled = onePhrase('mamba');
    expect(topicsFor(paper({ title: 'Mamba-360' }), compiled)).toEqual(['t']);
    expect(topicsFor(paper({ keywords: ['SSM', 'Mamba'] }), compiled)).toEqual(['t']);
  });

  test('a phrase does not run across two fields', () => {
    const compiled = onePhrase('space model');
    expect(topicsFor(paper({ title: 'State space', abstract: 'Model of everything' }), compiled)).toEqual([
      'other',
    ]);
    expect(topicsFor(paper({ keywords: ['space', 'model'] }), compiled)).toEqual(['other']);
  });
});

describe('category matching', () => {
  const compiled = compileTaxonomy([
    topic('nlp', [], ['cs.CL']),
    topic('bio', [], ['q-bio']),
    topic('hep', [], ['hep-th']),
    topic('other', [], [], true),
  ]);

  test.each([
    [['cs.CL'], ['nlp']],
    [['cs.cl'], ['nlp']],
    [['cs.CLX'], ['other']],
    [['cs.CV'], ['other']],
    [['q-bio.BM'], ['bio']],
    [['q-bio'], ['bio']],
    [['q-biology.BM'], ['other']],
    [['hep-th'], ['hep']],
    [
      ['cs.LG', 'q-bio.GN', 'cs.CL'],
      ['nlp', 'bio'],
    ],
  ])('%j → %j', (categories, expected) => {
    expect(topicsFor(paper({ categories }), compiled)).toEqual(expected);
  });

  test('an exact category does not match its archive', () => {
    const exact = compileTaxonomy([topic('bm', [], ['q-bio.BM']), topic('other', [], [], true)]);
    expect(topicsFor(paper({ categories: ['q-bio'] }), exact)).toEqual(['other']);
    expect(topicsFor(paper({ categories: ['q-bio.GN'] }), exact)).toEqual(['other']);
  });
});

describe('topicsFor', () => {
  const compiled = compileTaxonomy([
    topic('biology', ['protein']),
    topic('vision', [], ['cs.CV']),
    topic('language', ['translation']),
    topic('other', [], [], true),
  ]);

  test('returns own and matched topics once each, in taxonomy order', () => {
    const record = paper({
      title: 'Translation of proteins',
      categories: ['cs.CV'],
      topics: ['language', 'biology', 'language'],
    });
    expect(topicsFor(record, compiled)).toEqual(['biology', 'vision', 'language']);
  });

  test('keeps a paper’s own topic even when no rule matches it', () => {
    expect(topicsFor(paper({ title: 'Nothing here', topics: ['vision'] }), compiled)).toEqual(['vision']);
  });

  test('files a paper under the fallback only when nothing else applies', () => {
    expect(topicsFor(paper({ title: 'Nothing here' }), compiled)).toEqual(['other']);
    expect(topicsFor(paper({ title: 'Proteins' }), compiled)).toEqual(['biology']);
  });

  test('an unknown own topic is left out with a warning naming the file and the slug', () => {
    const warnings: string[] = [];
    const record = {
      ...paper({ id: '2401.01234', title: 'T', topics: ['biology', 'astrology'] }),
      file: 'a/b.md',
    };
    expect(topicsFor(record, compiled, (message) => warnings.push(message))).toEqual(['biology']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/a\/b\.md.*"astrology"/);
  });

  test('names the paper by its id, else its title, when it has no file', () => {
    const warnings: string[] = [];
    topicsFor(paper({ id: '2401.01234', title: 'T', topics: ['nope'] }), compiled, (m) => warnings.push(m));
    topicsFor(paper({ title: 'Untitled draft', topics: ['nope'] }), compiled, (m) => warnings.push(m));
    expect(warnings[0]).toMatch(/"2401\.01234".*"nope"/);
    expect(warnings[1]).toMatch(/"Untitled draft".*"nope"/);
  });
});

describe('compileTaxonomy validation', () => {
  test.each([
    ['no fallback', [topic('a', ['x'])], /exactly one.*fallback.*none/],
    [
      'two fallbacks',
      [topic('a', ['x']), topic('other', [], [], true), topic('misc', [], [], true)],
      /exactly one.*"other", "misc"/,
    ],
    [
      'duplicate ids',
      [topic('a', ['x']), topic('a', ['y']), topic('other', [], [], true)],
      /"a".*more than once/,
    ],
    [
      'a topic without rules',
      [topic('a', ['x']), topic('empty'), topic('other', [], [], true)],
      /"empty".*no match/,
    ],
    [
      'rules on the fallback',
      [topic('a', ['x']), topic('other', ['y'], [], true)],
      /"other".*must have no match/,
    ],
    ['a phrase without words', [topic('a', ['--']), topic('other', [], [], true)], /"a".*"--"/],
    [
      'a former id that is a current id',
      [{ ...topic('a', ['x']), formerIds: [{ id: 'other', pages: 1 }] }, topic('other', [], [], true)],
      /"a" lists the former id "other", which is the id of the current topic/,
    ],
  ])('rejects %s', (_name, topics, message) => {
    expect(() => compileTaxonomy(topics)).toThrow(message);
  });
});

const CONTENT = new URL('../../../content/', import.meta.url);
const DEMO_DAY = new URL('papers/2026-07-30/', CONTENT);

/** The real taxonomy, each entry validated by the same schema the content collection uses. */
function loadTaxonomy(): TopicData[] {
  const entries: unknown = parse(readFileSync(new URL('topics.yaml', CONTENT), 'utf8'));
  if (!Array.isArray(entries)) throw new Error('content/topics.yaml must be a YAML list');
  return entries.map((entry) => topicSchema.parse(entry));
}

/** The committed demo day, read by the store as the importer wrote it. */
function demoPapers(): PaperForTopics[] {
  return readdirSync(DEMO_DAY).map((name) => {
    const read = readRecord(readFileSync(new URL(name, DEMO_DAY), 'utf8'));
    if (!read.ok) throw new Error(`${name}: ${read.message}`);
    return { ...read.record.data, abstract: read.record.abstract };
  });
}

describe('content/topics.yaml on the demo day', () => {
  const topics = loadTaxonomy();
  const compiled = compileTaxonomy(topics);
  const filed = demoPapers().map((entry) => ({ title: entry.title, topics: topicsFor(entry, compiled) }));

  test('every topic has at least two papers and the fallback at most three', () => {
    const count = (id: string) => filed.filter((entry) => entry.topics.includes(id)).length;
    const fallback = compiled.fallbackId;
    for (const entry of topics.filter((candidate) => !candidate.fallback)) {
      expect(count(entry.id), entry.id).toBeGreaterThanOrEqual(2);
    }
    expect(count(fallback)).toBeLessThanOrEqual(3);
  });

  test('papers are filed selectively, not under every topic', () => {
    const sizes = filed.map((entry) => entry.topics.length);
    const mean = sizes.reduce((sum, size) => sum + size, 0) / sizes.length;
    expect(mean).toBeLessThanOrEqual(3);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(4);
  });
});
