import { describe, expect, test } from 'vitest';
import { type PaperRecord, paperSchema } from '../model/paper.ts';
import { topicSchema } from '../model/topic.ts';
import { compileTaxonomy } from '../site/topics.ts';
import {
  explainPaper,
  filePapers,
  formatAgreement,
  formatModelEffect,
  formatTopicReport,
  labelAgreement,
  modelEffect,
  topicReport,
} from './topic-report.ts';

const taxonomy = [
  topicSchema.parse({
    id: 'agents',
    name: 'Agents',
    description: 'Acting models.',
    match: [{ phrases: ['agent'], where: { title: 1, abstract: 2 } }],
  }),
  topicSchema.parse({
    id: 'vision',
    name: 'Vision',
    description: 'Images.',
    match: [{ phrases: ['image'], where: { title: 1 }, unless: ['video'] }, { categories: ['cs.CV'] }],
  }),
  topicSchema.parse({ id: 'other', name: 'Other', description: 'The rest.', fallback: true }),
];
const compiled = compileTaxonomy(taxonomy);

function record(
  id: string,
  day: string,
  fields: Record<string, unknown> = {},
  abstract = 'An abstract.',
): PaperRecord {
  return { data: paperSchema.parse({ id, title: `Paper ${id}`, day, source: 'jsonl', ...fields }), abstract };
}

const records = [
  record('a1', '2025-01-02', { title: 'An agent for images' }),
  record('a2', '2025-01-03', { title: 'Web agents', keywords: ['agents'] }),
  record('v1', '2025-02-01', { title: 'Image models', arxiv: '2502.00001' }),
  record('o1', '2025-02-02', { title: 'Time series forecasting', keywords: ['Time series', 'forecasting'] }),
  record('o2', '2025-02-03', { title: 'Forecasting time series', keywords: ['time series'] }),
  record('o3', '2025-02-04', { title: 'Video image tricks', keywords: ['agents'] }),
];
const papers = filePapers(records, compiled);

describe('topicReport', () => {
  const report = topicReport(papers, taxonomy, compiled);

  test('counts papers and shares per topic, the fallback included', () => {
    expect(papers.map((paper) => paper.topics)).toEqual([
      ['agents', 'vision'],
      ['agents'],
      ['vision'],
      ['other'],
      ['other'],
      ['other'],
    ]);
    expect(report.papers).toBe(6);
    expect(report.days).toEqual({ from: '2025-01-02', to: '2025-02-04' });
    expect(report.topics.map(({ id, papers: count, share }) => [id, count, share])).toEqual([
      ['agents', 2, 2 / 6],
      ['vision', 2, 2 / 6],
      ['other', 3, 3 / 6],
    ]);
    expect(report.fallback.id).toBe('other');
    expect(report.topicsPerPaper).toBe(7 / 6);
  });

  test('counts each month’s papers per topic', () => {
    expect(
      report.months.map(({ month, papers: count, byTopic }) => [month, count, Object.fromEntries(byTopic)]),
    ).toEqual([
      ['2025-01', 2, { agents: 2, vision: 1 }],
      ['2025-02', 4, { vision: 1, other: 3 }],
    ]);
  });

  test('suggests what fallback papers share and filed papers lack', () => {
    // "agents" is a keyword of one fallback paper and one filed one: not suggested.
    expect(report.keywords).toEqual([{ phrase: 'time series', fallback: 2, filed: 0 }]);
    expect(report.titlePhrases.map((entry) => entry.phrase)).toEqual([
      'forecasting',
      'series',
      'time',
      'time series',
    ]);
    expect(report.titlePhrases[0]).toEqual({ phrase: 'forecasting', fallback: 2, filed: 0 });
  });

  test('the text names every topic, the month table and the suggestions', () => {
    const text = formatTopicReport(report);
    expect(text).toMatch(
      /^6 papers, 2025-01-02 to 2025-02-04; 1\.17 topics per paper; 50\.0 % only in Other \(other\)\.$/m,
    );
    expect(text).toMatch(/^Agents\s+agents\s+2\s+33\.3 %$/m);
    expect(text).toMatch(/^Other\s+other\s+3\s+50\.0 %$/m);
    expect(text).toMatch(/^\s+2025-01\s+2025-02$/m);
    expect(text).toMatch(/^vision\s+50\.0 %\s+25\.0 %$/m);
    expect(text).toMatch(/^ {2}time series\s+2 in other\s+0 filed elsewhere$/m);
  });

  test('an empty store says so', () => {
    expect(formatTopicReport(topicReport([], taxonomy, compiled))).toBe(
      'No papers in the store for these days.\n',
    );
  });
});

describe('explainPaper', () => {
  test('names the rules that filed a paper and the phrases they found, by id or arXiv id', () => {
    const byId = explainPaper('a1', records, taxonomy, compiled);
    expect(byId).toBe(
      [
        'a1 (2025-01-02): An agent for images',
        'filed under: agents, vision',
        '',
        'agents (Agents): filed',
        '  rule 1 (title ≥ 1, abstract ≥ 2) matches: title "agent"',
        '',
        'vision (Vision): filed',
        '  rule 1 (title ≥ 1) matches: title "images"',
        '',
      ].join('\n'),
    );
    expect(explainPaper('2502.00001v3', records, taxonomy, compiled)).toMatch(
      /^v1 \(2025-02-01\): Image models\n/,
    );
    expect(explainPaper('nope', records, taxonomy, compiled)).toBeUndefined();
  });

  test('says which rules are weak, and which topics outranked a topic only weak rules match', () => {
    const weakTaxonomy = [
      ...taxonomy.slice(0, 2),
      topicSchema.parse({
        id: 'speed',
        name: 'Speed',
        description: 'Faster models.',
        match: [{ phrases: ['speedup'], where: { abstract: 2 }, weak: true }],
      }),
      taxonomy[2] as (typeof taxonomy)[number],
    ];
    const weakRecords = [
      record('s1', '2025-03-02', { title: 'An agent' }, 'A speedup. Another speedup.'),
      record('s2', '2025-03-03', { title: 'A study' }, 'A speedup. Another speedup.'),
    ];
    const weakCompiled = compileTaxonomy(weakTaxonomy);
    expect(explainPaper('s1', weakRecords, weakTaxonomy, weakCompiled)).toBe(
      [
        's1 (2025-03-02): An agent',
        'filed under: agents',
        '',
        'agents (Agents): filed',
        '  rule 1 (title ≥ 1, abstract ≥ 2) matches: title "agent"',
        '',
        'speed (Speed): not filed',
        '  rule 1 (abstract ≥ 2; weak) matches: abstract "speedup", "speedup"',
        '  only weak rules match, and agents has strong evidence: not filed here',
        '',
      ].join('\n'),
    );
    expect(explainPaper('s2', weakRecords, weakTaxonomy, weakCompiled)).toMatch(/^filed under: speed$/m);
  });

  test('shows a rule its unless phrases stopped, the fallback, own and excluded topics', () => {
    expect(explainPaper('o3', records, taxonomy, compiled)).toBe(
      [
        'o3 (2025-02-04): Video image tricks',
        'filed under: other',
        '',
        'vision (Vision): not filed',
        '  rule 1 (title ≥ 1) does not match: no field; unless "Video" cancelled a field',
        '',
        'other (Other): filed',
        '  no other topic applies',
        '',
      ].join('\n'),
    );
    const corrected = [
      record('c1', '2025-03-01', {
        title: 'Agent images',
        topics: ['other'],
        excludedTopics: ['agents'],
        categories: ['cs.CV'],
      }),
    ];
    expect(explainPaper('c1', corrected, taxonomy, compiled)).toBe(
      [
        'c1 (2025-03-01): Agent images',
        'filed under: vision, other',
        '',
        'agents (Agents): not filed',
        '  excludedTopics of the record names it: no rule files it here',
        '  rule 1 (title ≥ 1, abstract ≥ 2) matches: title "Agent"',
        '',
        'vision (Vision): filed',
        '  rule 1 (title ≥ 1) matches: title "images"',
        '  rule 2 (categories cs.CV) matches: category cs.cv',
        '',
        'other (Other): filed',
        '  topics of the record names it',
        '',
      ].join('\n'),
    );
  });
});

describe('labelAgreement', () => {
  const labelled = [
    { id: 'a1', labels: ['agents'] },
    { arxiv: '2502.00001', labels: ['vision', 'agents'] },
    { id: 'o1', labels: ['other'] },
    { id: 'gone', labels: ['vision'] },
  ];
  const result = labelAgreement(papers, labelled, taxonomy);

  test('counts agreed, extra and missed topics per topic and over all of them', () => {
    expect(result.papers).toBe(3);
    expect(result.missing).toEqual(['gone']);
    // a1: agents agreed, vision extra. v1: vision agreed, agents missed. o1: other agreed.
    expect(result.topics).toEqual([
      { id: 'agents', agreed: 1, extra: 0, missed: 1, precision: 1, recall: 0.5 },
      { id: 'vision', agreed: 1, extra: 1, missed: 0, precision: 0.5, recall: 1 },
      { id: 'other', agreed: 1, extra: 0, missed: 0, precision: 1, recall: 1 },
    ]);
    expect(result.micro).toEqual({
      id: 'all topics',
      agreed: 3,
      extra: 1,
      missed: 1,
      precision: 0.75,
      recall: 0.75,
    });
  });

  test('the text is a table with the micro average last', () => {
    const text = formatAgreement(result);
    expect(text).toMatch(/^3 labelled papers \(1 not in the store: gone\)$/m);
    expect(text).toMatch(/^vision\s+0\.50\s+1\.00\s+1\s+1\s+0$/m);
    expect(text.trimEnd().split('\n').at(-1)).toMatch(/^all topics\s+0\.75\s+0\.75\s+3\s+1\s+1$/);
  });
});

describe('modelEffect', () => {
  const paper = (id: string, topics: string[]) => ({ record: record(id, '2025-01-02'), topics });

  test('counts the topics the model added and removed against the rules alone, and the papers it moved', () => {
    const byRules = [paper('a', ['agents']), paper('b', ['other']), paper('c', ['agents', 'vision'])];
    const filed = [paper('a', ['agents']), paper('b', ['vision']), paper('c', ['vision'])];
    // b gains vision (other goes with it, not counted); c loses agents.
    const effect = modelEffect(filed, byRules, 'other');
    expect(effect).toEqual({ added: 1, removed: 1, papers: 2 });
    expect(formatModelEffect(effect)).toBe(
      'The learned model added 1 topic and removed 1 topic, on 2 papers, against the rules alone (--rules-only shows them).\n',
    );
    expect(formatModelEffect({ added: 1124, removed: 0, papers: 1 })).toContain(
      'added 1,124 topics and removed 0 topics, on 1 paper,',
    );
  });
});
