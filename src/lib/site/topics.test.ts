import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseTaxonomy, type TopicData, topicSchema } from '../model/topic.ts';
import type { TopicModelData } from '../model/topic-model.ts';
import { readRecord } from '../store/record-file.ts';
import {
  type CompiledTaxonomy,
  compileTaxonomy,
  explainTopics,
  type PaperForTopics,
  topicsFor,
} from './topics.ts';

/** A topic entry as written in YAML, run through the real schema so defaults apply. */
function topic(id: string, match: unknown[] = [], fallback = false): TopicData {
  return topicSchema.parse({ id, name: id, description: `About ${id}.`, match, fallback });
}

const other = topic('other', [], true);

/** A paper with nothing but the given fields set. */
function paper(fields: Partial<PaperForTopics>): PaperForTopics {
  return { title: '', abstract: '', keywords: [], categories: [], topics: [], ...fields };
}

/** Compiles a taxonomy of one topic `t` with the given rules, plus the fallback. */
function oneTopic(...rules: unknown[]): CompiledTaxonomy {
  return compileTaxonomy([topic('t', rules), other]);
}

const filed = (compiled: CompiledTaxonomy, fields: Partial<PaperForTopics>) =>
  topicsFor(paper(fields), compiled, () => {});

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
    expect(filed(oneTopic({ phrases: [phrase] }), { abstract: text })).toEqual(expected ? ['t'] : ['other']);
  });

  test('a rule without `where` matches once in the title, a keyword or the abstract', () => {
    const compiled = oneTopic({ phrases: ['mamba'] });
    expect(filed(compiled, { title: 'Mamba-360' })).toEqual(['t']);
    expect(filed(compiled, { keywords: ['SSM', 'Mamba'] })).toEqual(['t']);
    expect(filed(compiled, { abstract: 'We use Mamba.' })).toEqual(['t']);
  });

  test('a phrase runs neither across two fields nor across two keywords', () => {
    const compiled = oneTopic({ phrases: ['space model'] });
    expect(filed(compiled, { title: 'State space', abstract: 'Model of everything' })).toEqual(['other']);
    expect(filed(compiled, { keywords: ['space', 'model'] })).toEqual(['other']);
  });
});

describe('where: the fields a rule searches and how often', () => {
  const titleOrTwice = oneTopic({ phrases: ['agent', 'tool use'], where: { title: 1, abstract: 2 } });

  test('a field left out is not searched', () => {
    const titleOnly = oneTopic({ phrases: ['agent'], where: { title: 1 } });
    expect(filed(titleOnly, { title: 'Web agents' })).toEqual(['t']);
    expect(filed(titleOnly, { abstract: 'An agent, an agent, an agent.', keywords: ['agent'] })).toEqual([
      'other',
    ]);
  });

  test('one mention in the abstract is not enough when the rule asks for two', () => {
    expect(filed(titleOrTwice, { abstract: 'Unlike agent systems, we study graphs.' })).toEqual(['other']);
    expect(filed(titleOrTwice, { abstract: 'An agent learns tool use.' })).toEqual(['t']);
    expect(filed(titleOrTwice, { abstract: 'Agents and more agents.' })).toEqual(['t']);
  });

  test('each field counts on its own: one in the title of a rule that asks two of the abstract is enough', () => {
    expect(filed(titleOrTwice, { title: 'An agent', abstract: 'Graphs.' })).toEqual(['t']);
  });

  test('mentions in different fields are not added up', () => {
    const twiceAnywhere = oneTopic({ phrases: ['agent'], where: { abstract: 2, keywords: 2 } });
    expect(filed(twiceAnywhere, { abstract: 'An agent.', keywords: ['agent'] })).toEqual(['other']);
    expect(filed(twiceAnywhere, { keywords: ['LLM agent', 'agents'] })).toEqual(['t']);
  });
});

describe('unless: phrases that cancel a field', () => {
  const diffusion = oneTopic({ phrases: ['diffusion'], where: { title: 1, abstract: 1 }, unless: ['video'] });

  test('cancels the field it is found in', () => {
    expect(filed(diffusion, { title: 'Video diffusion models' })).toEqual(['other']);
    expect(filed(diffusion, { title: 'Image diffusion models' })).toEqual(['t']);
  });

  test('leaves the other fields counting', () => {
    expect(filed(diffusion, { title: 'Video diffusion', abstract: 'A diffusion model of images.' })).toEqual([
      't',
    ]);
    expect(filed(diffusion, { title: 'Diffusion for images', abstract: 'Unlike video models.' })).toEqual([
      't',
    ]);
  });
});

describe('after: a phrase that counts only just after a contribution phrase', () => {
  const bench = oneTopic({
    phrases: ['benchmark', 'bench'],
    where: { abstract: 1 },
    after: ['we introduce', 'and construct'],
    within: 4,
  });

  test('counts the phrase within `within` words after an `after` phrase, plural endings included', () => {
    expect(filed(bench, { abstract: 'We introduce X-Bench, a benchmark of maps.' })).toEqual(['t']);
    expect(filed(bench, { abstract: 'We train it and construct two benchmarks.' })).toEqual(['t']);
    expect(filed(bench, { abstract: 'This paper introduces a benchmark.' })).toEqual(['other']);
  });

  test('not the phrase alone, before the `after` phrase, or further than `within` words after it', () => {
    expect(filed(bench, { abstract: 'Results on a benchmark are strong.' })).toEqual(['other']);
    expect(filed(bench, { abstract: 'A benchmark; we introduce a model.' })).toEqual(['other']);
    expect(
      filed(bench, { abstract: 'We introduce a model that is one of the best on a benchmark.' }),
    ).toEqual(['other']);
    // At most `within` (4) words between: "a new hard reading" is four, "a new hard reading test" five.
    expect(filed(bench, { abstract: 'We introduce a new hard reading benchmark.' })).toEqual(['t']);
    expect(filed(bench, { abstract: 'We introduce a new hard reading test benchmark.' })).toEqual(['other']);
  });

  test('not across the end of a sentence, though a decimal point does not end one', () => {
    expect(filed(bench, { abstract: 'We introduce a model. Benchmarks agree.' })).toEqual(['other']);
    expect(filed(bench, { abstract: 'We introduce a model; the benchmark agrees.' })).toEqual(['other']);
    expect(filed(bench, { abstract: 'We introduce v1.5 benchmark.' })).toEqual(['t']);
  });

  test('the default window is eight words, and `unless` still cancels the field', () => {
    const wide = oneTopic({ phrases: ['benchmark'], after: ['we introduce'], unless: ['to benchmark'] });
    expect(
      filed(wide, { abstract: 'We introduce one two three four five six seven eight benchmark.' }),
    ).toEqual(['t']);
    expect(
      filed(wide, { abstract: 'We introduce one two three four five six seven eight nine benchmark.' }),
    ).toEqual(['other']);
    expect(filed(wide, { abstract: 'We introduce a benchmark and use it to benchmark models.' })).toEqual([
      'other',
    ]);
  });

  test('explainTopics quotes the contribution from its `after` phrase on', () => {
    const [explanation] = explainTopics(
      paper({ abstract: 'Here we introduce X-Bench, a benchmark.' }),
      bench,
    );
    expect(explanation?.rules).toEqual([
      {
        rule: 1,
        matched: true,
        // "X-Bench" counts ("bench" is a word of it), and so does "a benchmark" after it.
        fields: [
          {
            field: 'abstract',
            needed: 1,
            found: ['we introduce X-Bench', 'we introduce X-Bench, a benchmark'],
          },
        ],
        categories: [],
        stoppedBy: [],
      },
    ]);
  });

  test('the schema wants phrases with `after` and `after` with `within`; the compiler wants words', () => {
    const yaml = (rule: string) => `- id: a\n  name: A\n  description: About a.\n  match: [${rule}]\n`;
    expect(() => parseTaxonomy(yaml('{ categories: [cs.RO], after: [we] }'), 'x')).toThrow(
      /`after` needs phrases/,
    );
    expect(() => parseTaxonomy(yaml('{ phrases: [x], within: 3 }'), 'x')).toThrow(/`within` needs `after`/);
    expect(() => parseTaxonomy(yaml('{ phrases: [x], after: [we], within: 0 }'), 'x')).toThrow(/within/);
    expect(() => oneTopic({ phrases: ['C++'], after: ['we use'] })).toThrow(
      /"C\+\+" is not a phrase of words/,
    );
    expect(() => oneTopic({ phrases: ['code'], after: ['we (re)use'] })).toThrow(/a rule with `after`/);
  });
});

describe('matchCase', () => {
  const rag = oneTopic({ phrases: ['RAG'], matchCase: true, unless: ['RAG-free'] });

  test('matches acronyms only as capitalised, plurals included', () => {
    expect(filed(rag, { abstract: 'Improving RAG pipelines.' })).toEqual(['t']);
    expect(filed(rag, { abstract: 'Two RAGs.' })).toEqual(['t']);
    expect(filed(rag, { abstract: 'A rag doll and Rag time.' })).toEqual(['other']);
  });

  test('applies to the unless phrases too', () => {
    expect(filed(rag, { abstract: 'A RAG-free RAG.' })).toEqual(['other']);
    expect(filed(rag, { abstract: 'A rag-free RAG.' })).toEqual(['t']);
  });

  test('without it, matching ignores case', () => {
    expect(filed(oneTopic({ phrases: ['RAG'] }), { abstract: 'A rag doll.' })).toEqual(['t']);
  });
});

describe('category matching', () => {
  const compiled = compileTaxonomy([
    topic('nlp', [{ categories: ['cs.CL'] }]),
    topic('bio', [{ categories: ['q-bio'] }]),
    topic('hep', [{ categories: ['hep-th'] }]),
    other,
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
    expect(filed(compiled, { categories })).toEqual(expected);
  });

  test('an exact category does not match its archive', () => {
    const exact = oneTopic({ categories: ['q-bio.BM'] });
    expect(filed(exact, { categories: ['q-bio'] })).toEqual(['other']);
    expect(filed(exact, { categories: ['q-bio.GN'] })).toEqual(['other']);
  });

  test('a rule with phrases and categories needs both', () => {
    const both = oneTopic({ phrases: ['robot'], categories: ['cs.RO'] });
    expect(filed(both, { title: 'Robot arms', categories: ['cs.RO'] })).toEqual(['t']);
    expect(filed(both, { title: 'Robot arms', categories: ['cs.CV'] })).toEqual(['other']);
    expect(filed(both, { title: 'Graphs', categories: ['cs.RO'] })).toEqual(['other']);
  });
});

describe('topicsFor', () => {
  const compiled = compileTaxonomy([
    topic('biology', [{ phrases: ['protein'] }]),
    topic('vision', [{ categories: ['cs.CV'] }]),
    topic('language', [{ phrases: ['translation'] }]),
    other,
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

  test('excludedTopics removes a topic a rule gave, and outranks the record’s own topics', () => {
    const record = paper({ title: 'Translation of proteins', categories: ['cs.CV'] });
    expect(topicsFor(record, compiled)).toEqual(['biology', 'vision', 'language']);
    expect(topicsFor({ ...record, excludedTopics: ['biology', 'vision'] }, compiled)).toEqual(['language']);
    expect(topicsFor({ ...record, topics: ['biology'], excludedTopics: ['biology'] }, compiled)).toEqual([
      'vision',
      'language',
    ]);
  });

  test('a paper whose every topic is excluded goes to the fallback', () => {
    const record = paper({ title: 'Proteins', excludedTopics: ['biology'] });
    expect(topicsFor(record, compiled)).toEqual(['other']);
  });

  test('an unknown own or excluded topic is left out with a warning naming the file, field and slug', () => {
    const warnings: string[] = [];
    const record = {
      ...paper({
        id: '2401.01234',
        title: 'T',
        topics: ['biology', 'astrology'],
        excludedTopics: ['alchemy'],
      }),
      file: 'a/b.md',
    };
    expect(topicsFor(record, compiled, (message) => warnings.push(message))).toEqual(['biology']);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/a\/b\.md.*"astrology" in topics/);
    expect(warnings[1]).toMatch(/a\/b\.md.*"alchemy" in excludedTopics/);
  });

  test('names the paper by its id, else its title, when it has no file', () => {
    const warnings: string[] = [];
    topicsFor(paper({ id: '2401.01234', title: 'T', topics: ['nope'] }), compiled, (m) => warnings.push(m));
    topicsFor(paper({ title: 'Untitled draft', topics: ['nope'] }), compiled, (m) => warnings.push(m));
    expect(warnings[0]).toMatch(/"2401\.01234".*"nope"/);
    expect(warnings[1]).toMatch(/"Untitled draft".*"nope"/);
  });
});

describe('explainTopics', () => {
  const compiled = compileTaxonomy([
    topic('agents', [
      { phrases: ['GUI agent'] },
      { phrases: ['agent'], where: { title: 1, abstract: 2 }, unless: ['robot'] },
    ]),
    topic('robotics', [{ categories: ['cs.RO'] }]),
    topic('vision', [{ phrases: ['image'], where: { title: 1 }, unless: ['video'] }]),
    other,
  ]);

  test('names every rule that matched, with the phrases it found in each field', () => {
    const record = paper({
      title: 'A GUI agent',
      abstract: 'The GUI agent clicks; the agent reads.',
      categories: ['cs.RO'],
    });
    expect(explainTopics(record, compiled)).toEqual([
      {
        topic: 'agents',
        filed: true,
        own: false,
        excluded: false,
        rules: [
          {
            rule: 1,
            matched: true,
            fields: [
              { field: 'title', needed: 1, found: ['GUI agent'] },
              { field: 'abstract', needed: 1, found: ['GUI agent'] },
            ],
            categories: [],
            stoppedBy: [],
          },
          {
            rule: 2,
            matched: true,
            fields: [
              { field: 'title', needed: 1, found: ['agent'] },
              { field: 'abstract', needed: 2, found: ['agent', 'agent'] },
            ],
            categories: [],
            stoppedBy: [],
          },
        ],
        outrankedBy: [],
      },
      {
        topic: 'robotics',
        filed: true,
        own: false,
        excluded: false,
        rules: [{ rule: 1, matched: true, fields: [], categories: ['cs.ro'], stoppedBy: [] }],
        outrankedBy: [],
      },
    ]);
  });

  test('shows a rule that its unless phrases stopped, and the fallback the paper gets instead', () => {
    const explained = explainTopics(paper({ title: 'Video and image' }), compiled);
    expect(explained).toEqual([
      {
        topic: 'vision',
        filed: false,
        own: false,
        excluded: false,
        rules: [{ rule: 1, matched: false, fields: [], categories: [], stoppedBy: ['Video'] }],
        outrankedBy: [],
      },
      { topic: 'other', filed: true, own: false, excluded: false, rules: [], outrankedBy: [] },
    ]);
  });

  test('shows the record’s own and excluded topics', () => {
    const record = paper({ title: 'A GUI agent', topics: ['vision'], excludedTopics: ['agents'] });
    const summary = explainTopics(record, compiled).map(({ topic, filed, own, excluded }) => ({
      topic,
      filed,
      own,
      excluded,
    }));
    expect(summary).toEqual([
      { topic: 'agents', filed: false, own: false, excluded: true },
      { topic: 'vision', filed: true, own: true, excluded: false },
    ]);
  });
});

describe('weak evidence', () => {
  const compiled = compileTaxonomy([
    topic('agents', [{ phrases: ['agent'], where: { title: 1 } }]),
    topic('evaluation', [
      { phrases: ['benchmark'], where: { title: 1 } },
      { phrases: ['benchmark'], where: { abstract: 2 }, weak: true },
    ]),
    topic('efficiency', [{ phrases: ['speedup'], where: { abstract: 2 }, weak: true }]),
    other,
  ]);
  const twice = 'A benchmark and a speedup. Another benchmark, another speedup.';

  test('a topic only weak rules match gives way to a topic with strong evidence', () => {
    expect(filed(compiled, { title: 'An agent', abstract: twice })).toEqual(['agents']);
  });

  test('weak topics are filed, all of them, when no topic has strong evidence', () => {
    expect(filed(compiled, { title: 'A study', abstract: twice })).toEqual(['evaluation', 'efficiency']);
  });

  test('a topic with a strong rule of its own keeps it, and outranks the weak ones', () => {
    expect(filed(compiled, { title: 'A benchmark', abstract: twice })).toEqual(['evaluation']);
  });

  test('the record’s own topics are strong evidence; an excluded topic outranks nothing', () => {
    expect(filed(compiled, { title: 'A study', abstract: twice, topics: ['agents'] })).toEqual(['agents']);
    expect(filed(compiled, { title: 'An agent', abstract: twice, excludedTopics: ['agents'] })).toEqual([
      'evaluation',
      'efficiency',
    ]);
  });

  test('explainTopics names the topics that outranked a weak one, and files as topicsFor does', () => {
    const record = paper({ title: 'An agent', abstract: twice });
    const summary = explainTopics(record, compiled).map(({ topic, filed, outrankedBy }) => ({
      topic,
      filed,
      outrankedBy,
    }));
    expect(summary).toEqual([
      { topic: 'agents', filed: true, outrankedBy: [] },
      { topic: 'evaluation', filed: false, outrankedBy: ['agents'] },
      { topic: 'efficiency', filed: false, outrankedBy: ['agents'] },
    ]);
  });

  test('the schema defaults weak to false and refuses a value that is not a boolean', () => {
    expect(
      topicSchema.parse({ id: 'x', name: 'x', description: 'x', match: [{ phrases: ['x'] }] }).match[0]?.weak,
    ).toBe(false);
    expect(() =>
      parseTaxonomy('- { id: x, name: x, description: x, match: [{ phrases: [x], weak: yes please }] }'),
    ).toThrow();
  });
});

describe('last resort', () => {
  const withLastResort = (mentions: number, ...topics: TopicData[]) =>
    compileTaxonomy([...topics, { ...other, lastResort: { mentions } }]);
  const agents = topic('agents', [
    { phrases: ['agent'], where: { title: 1 } },
    { phrases: ['tool use'], where: { abstract: 3 }, unless: ['tool user'] },
  ]);
  const evaluation = topic('evaluation', [{ phrases: ['benchmark'], where: { title: 1 } }]);
  const compiled = withLastResort(3, agents, evaluation);
  // No rule matches: "agent" is not in the title, "tool use" twice is under the abstract's three.
  const abstract = 'An agent learns tool use. Tool use helps. One benchmark.';

  test('files a paper no rule files under the topic whose phrases, any rule’s, occur most, from the minimum on', () => {
    expect(filed(compiled, { title: 'A study', abstract })).toEqual(['agents']);
    expect(filed(withLastResort(4, agents, evaluation), { title: 'A study', abstract })).toEqual(['other']);
    expect(
      filed(oneTopic({ phrases: ['agent'], where: { title: 1 } }), { abstract: 'agent agent agent' }),
    ).toEqual(['other']);
  });

  test('counts the title, keywords and abstract together, and files every topic tied at the most', () => {
    expect(
      filed(compiled, {
        title: 'Agents study',
        keywords: ['benchmark'],
        abstract: 'A benchmark, a benchmark.',
      }),
    ).toEqual(['agents']);
    expect(
      filed(compiled, { keywords: ['agents', 'benchmarks'], abstract: 'agent agent; benchmark benchmark' }),
    ).toEqual(['agents', 'evaluation']);
  });

  test('gives way to any rule: a paper a rule files, even weakly, gets no last-resort topic', () => {
    const weak = topic('efficiency', [{ phrases: ['speedup'], where: { abstract: 1 }, weak: true }]);
    expect(
      filed(withLastResort(3, agents, evaluation, weak), { abstract: `${abstract} A speedup.` }),
    ).toEqual(['efficiency']);
  });

  test('a phrase’s mentions do not overlap, and one counts once however many rules list it', () => {
    const twice = topic('agents', [
      { phrases: ['agent'], where: { title: 1 } },
      { phrases: ['agent', 'web agent'], where: { abstract: 9 } },
    ]);
    expect(filed(withLastResort(3, twice), { abstract: 'A web agent and an agent.' })).toEqual(['other']);
    expect(filed(withLastResort(2, twice), { abstract: 'A web agent and an agent.' })).toEqual(['agents']);
  });

  test('leaves out the record’s excluded topics and topics with `lastResort: false`; with none left, Other', () => {
    expect(filed(compiled, { abstract, excludedTopics: ['agents'] })).toEqual(['other']);
    const optedOut = withLastResort(3, { ...agents, lastResort: false }, evaluation);
    expect(filed(optedOut, { abstract: `${abstract} Another benchmark, and a third benchmark.` })).toEqual([
      'evaluation',
    ]);
    expect(filed(optedOut, { abstract })).toEqual(['other']);
    expect(filed(compiled, { title: 'Nothing here' })).toEqual(['other']);
  });

  test('without a last resort on the fallback, such a paper stays in Other', () => {
    expect(filed(compileTaxonomy([agents, evaluation, other]), { abstract })).toEqual(['other']);
  });

  test('explainTopics says the topic came from the last resort, with the words that did it', () => {
    const explained = explainTopics(paper({ keywords: ['Agent'], abstract }), compiled);
    expect(explained.filter((entry) => entry.filed).map((entry) => entry.topic)).toEqual(['agents']);
    expect(explained.find((entry) => entry.topic === 'agents')?.lastResort).toEqual({
      mentions: 4,
      fields: [
        { field: 'keywords', found: ['Agent'] },
        { field: 'abstract', found: ['agent', 'tool use', 'Tool use'] },
      ],
    });
    expect(explained.some((entry) => entry.topic === 'other')).toBe(false);
    expect(explainTopics(paper({ abstract, excludedTopics: ['agents'] }), compiled).at(-1)?.topic).toBe(
      'other',
    );
  });

  test('the schema and the compiler keep `lastResort` settings on the fallback, and `false` on other topics', () => {
    expect(() =>
      parseTaxonomy('- { id: o, name: o, description: o, fallback: true, lastResort: { mentions: 0 } }'),
    ).toThrow(/lastResort/);
    expect(() =>
      parseTaxonomy(
        '- { id: o, name: o, description: o, fallback: true, lastResort: { mentions: 2, most: 1 } }',
      ),
    ).toThrow(/lastResort/);
    expect(() => compileTaxonomy([agents, { ...other, lastResort: false }])).toThrow(
      /"other" has `lastResort: false`/,
    );
    expect(() => compileTaxonomy([{ ...agents, lastResort: { mentions: 2 } }, other])).toThrow(
      /"agents" sets `lastResort: \{ mentions: … \}`, which belongs on the fallback/,
    );
  });
});

describe('validation', () => {
  test.each([
    ['no fallback', [topic('a', [{ phrases: ['x'] }])], /exactly one.*fallback.*none/],
    [
      'two fallbacks',
      [topic('a', [{ phrases: ['x'] }]), other, topic('misc', [], true)],
      /exactly one.*"other", "misc"/,
    ],
    [
      'duplicate ids',
      [topic('a', [{ phrases: ['x'] }]), topic('a', [{ phrases: ['y'] }]), other],
      /"a".*more than once/,
    ],
    ['a topic without rules', [topic('a', [{ phrases: ['x'] }]), topic('empty'), other], /"empty".*no match/],
    [
      'rules on the fallback',
      [topic('a', [{ phrases: ['x'] }]), topic('other', [{ phrases: ['y'] }], true)],
      /"other".*must have no match/,
    ],
    ['a phrase without words', [topic('a', [{ phrases: ['--'] }]), other], /"a".*"--"/],
    ['an unless phrase without words', [topic('a', [{ phrases: ['x'], unless: ['&'] }]), other], /"a".*"&"/],
    [
      'a former id that is a current id',
      [{ ...topic('a', [{ phrases: ['x'] }]), formerIds: [{ id: 'other', pages: 1 }] }, other],
      /"a" lists the former id "other", which is the id of the current topic/,
    ],
  ])('compileTaxonomy rejects %s', (_name, topics, message) => {
    expect(() => compileTaxonomy(topics)).toThrow(message);
  });

  test.each([
    ['a rule that is empty', 'match: [{}]', /topic 1 \(a\): match\.0: a rule needs phrases or categories/],
    [
      '`where` without phrases',
      'match: [{ categories: [cs.RO], where: { title: 1 } }]',
      /match\.0: `where` needs phrases/,
    ],
    [
      '`unless` without phrases',
      'match: [{ categories: [cs.RO], unless: [x] }]',
      /match\.0: `unless` needs phrases/,
    ],
    ['an empty `where`', 'match: [{ phrases: [x], where: {} }]', /match\.0\.where: name at least one/],
    ['a count of zero', 'match: [{ phrases: [x], where: { abstract: 0 } }]', /match\.0\.where\.abstract/],
    ['an unknown field', 'match: [{ phrases: [x], where: { body: 1 } }]', /match\.0\.where/],
    ['an unknown rule key', 'match: [{ phrase: [x] }]', /match\.0/],
    ['the old form of rules', 'match: { phrases: [x] }', /topic 1 \(a\): match/],
  ])('parseTaxonomy names the file, topic and field of %s', (_name, match, message) => {
    const yaml = `- id: a\n  name: A\n  description: About a.\n  ${match}\n`;
    expect(() => parseTaxonomy(yaml, 'topics.yaml')).toThrow(/^topics\.yaml: /);
    expect(() => parseTaxonomy(yaml, 'topics.yaml')).toThrow(message);
  });

  test('parseTaxonomy refuses a file that is not a list', () => {
    expect(() => parseTaxonomy('id: a\n', 'topics.yaml')).toThrow(
      'topics.yaml: expected a YAML list of topics',
    );
  });
});

const CONTENT = new URL('../../../content/', import.meta.url);
const DEMO_DAY = new URL('papers/2026-07-30/', CONTENT);
const taxonomy = parseTaxonomy(readFileSync(new URL('topics.yaml', CONTENT), 'utf8'));
const compiled = compileTaxonomy(taxonomy);

/** The committed demo day, read by the store as the importer wrote it. */
function demoPapers(): (PaperForTopics & { id: string })[] {
  return readdirSync(DEMO_DAY).map((name) => {
    const read = readRecord(readFileSync(new URL(name, DEMO_DAY), 'utf8'));
    if (!read.ok) throw new Error(`${name}: ${read.message}`);
    return { ...read.record.data, abstract: read.record.abstract };
  });
}

describe('content/topics.yaml on the demo day', () => {
  const papers = demoPapers();
  const topicsOf = new Map(papers.map((entry) => [entry.id, topicsFor(entry, compiled, () => {})]));

  // Filed by hand from each paper's title and abstract (the demo day predates most of today's topics).
  test.each([
    ['efficiently-modeling-long-sequences-with-structured-state-spaces', 'architectures'],
    ['pointer-networks', 'architectures'],
    ['recursive-speculative-decoding-accelerating-llm-inference-via-sampling-without', 'efficiency'],
    ['copyright-traps-for-large-language-models', 'safety'],
    ['peptide-sequencing-via-protein-language-models', 'science'],
    ['sequence-to-action-grammatical-error-correction-with-action-guided-sequence', 'nlp'],
    ['text-is-all-you-need-learning-language-representations-for-sequential', 'retrieval'],
    ['a-survey-on-structured-state-space-sequence-s4-models', 'surveys'],
    ['m4le-a-multi-ability-multi-range-multi-task-multi-domain-long-context-evaluation', 'evaluation'],
    ['ernie-gram-pre-training-with-explicitly-n-gram-masked-language-modeling-for', 'pretraining'],
    ['pac-prediction-sets-for-large-language-models-of-code', 'code'],
  ])('%s is filed under %s', (id, slug) => {
    expect(topicsOf.get(id)).toContain(slug);
  });

  test('few papers fall back to Other, and papers are filed selectively', () => {
    const sizes = [...topicsOf.values()].map((slugs) => slugs.length);
    const fallback = [...topicsOf.values()].filter((slugs) => slugs.includes(compiled.fallbackId));
    expect(fallback.length / papers.length).toBeLessThanOrEqual(0.15);
    expect(sizes.reduce((sum, size) => sum + size, 0) / sizes.length).toBeLessThanOrEqual(2.5);
  });

  test('explainTopics files every paper exactly as topicsFor does', () => {
    for (const entry of papers) {
      const explained = explainTopics(entry, compiled)
        .filter((explanation) => explanation.filed)
        .map((explanation) => explanation.topic);
      expect(explained, entry.id).toEqual(topicsOf.get(entry.id));
    }
  });
});

describe('the learned model: a second opinion after the rules', () => {
  /** Rules: "alpha" files a, "beta" files b, "gamma" files c (which the model knows nothing of). */
  const taxonomy = [
    topic('a', [{ phrases: ['alpha'] }]),
    topic('b', [{ phrases: ['beta'] }]),
    topic('c', [{ phrases: ['gamma'] }]),
    other,
  ];
  // One abstract word each: its value is 1 (abstract weight 1, one term), so a score is bias + weight,
  // and the calibration [-1, 0] makes it the probability 1 / (1 + exp(-score)).
  const model: TopicModelData = {
    about: '',
    trainedOn: 0,
    fieldWeights: { title: 0.5, keywords: 0.25, abstract: 1 },
    addAt: 0.6,
    dropAt: 0.03,
    bias: { a: -0.5, b: -0.5 },
    calibration: { a: [-1, 0], b: [-1, 0] },
    terms: { 'a:sure': { a: 2 }, 'a:wrong': { b: -6 }, 'a:unsure': { a: 0.3 } },
  };
  const compiled = compileTaxonomy(taxonomy, { data: model, file: 'model.json' });

  test('adds a topic whose score reaches addAt, and not one just below', () => {
    expect(filed(compiled, { abstract: 'sure' })).toEqual(['a']);
    // -0.5 + 0.3 = -0.2, probability 0.45, under addAt: the fallback.
    expect(filed(compiled, { abstract: 'unsure' })).toEqual(['other']);
  });

  test('removes a rule’s topic whose score is at most dropAt, but leaves a paper the rules filed one topic', () => {
    expect(filed(compiled, { title: 'alpha beta', abstract: 'wrong' })).toEqual(['a']);
    // b is all the rules gave: it stays rather than leaving the paper under Other.
    expect(filed(compiled, { title: 'beta', abstract: 'wrong' })).toEqual(['b']);
    // Without the model's word, b's score is -0.5, probability 0.38: above dropAt, kept.
    expect(filed(compiled, { title: 'alpha beta', abstract: 'fine' })).toEqual(['a', 'b']);
  });

  test('a topic the model has no classifier for is filed by the rules alone', () => {
    expect(filed(compiled, { title: 'gamma beta', abstract: 'wrong' })).toEqual(['c']);
    expect(filed(compiled, { title: 'gamma', abstract: 'sure' })).toEqual(['a', 'c']);
  });

  test('the record’s own topics stay and its excluded topics stay out, whatever the scores', () => {
    expect(filed(compiled, { title: 'alpha', abstract: 'wrong', topics: ['b'] })).toEqual(['a', 'b']);
    expect(filed(compiled, { abstract: 'sure', excludedTopics: ['a'] })).toEqual(['other']);
  });

  test('without the model the same papers are filed by the rules alone', () => {
    const rulesOnly = compileTaxonomy(taxonomy);
    expect(filed(rulesOnly, { abstract: 'sure' })).toEqual(['other']);
    expect(filed(rulesOnly, { title: 'alpha beta', abstract: 'wrong' })).toEqual(['a', 'b']);
  });

  test('explainTopics says what the model added and removed, with its score and the terms that weighed', () => {
    const explained = explainTopics(paper({ title: 'beta', abstract: 'sure wrong' }), compiled);
    expect(explained.map(({ topic, filed: isFiled }) => [topic, isFiled])).toEqual([
      ['a', true],
      ['b', false],
    ]);
    const [added, removed] = explained;
    // Abstract "sure wrong": three terms ("sure", "wrong", "sure wrong"), each 1 / sqrt(3).
    const value = 1 / Math.sqrt(3);
    expect(added?.model).toMatchObject({ verdict: 'added', addAt: 0.6, dropAt: 0.03 });
    expect(added?.model?.score).toBeCloseTo(-0.5 + 2 * value, 12);
    expect(added?.model?.probability).toBeCloseTo(1 / (1 + Math.exp(0.5 - 2 * value)), 12);
    expect(added?.model?.terms).toEqual([{ term: 'a:sure', contribution: 2 * value }]);
    expect(added?.rules).toEqual([]);
    expect(removed?.model?.verdict).toBe('removed');
    expect(removed?.model?.probability).toBeLessThanOrEqual(0.03);
    expect(removed?.rules.map((rule) => rule.matched)).toEqual([true]);
    // Whatever explainTopics says is filed is what topicsFor files.
    expect(explained.filter((entry) => entry.filed).map((entry) => entry.topic)).toEqual(
      topicsFor(paper({ title: 'beta', abstract: 'sure wrong' }), compiled),
    );
  });

  test('the fallback is explained when the model leaves the paper nothing', () => {
    const explained = explainTopics(paper({ abstract: 'unsure' }), compiled);
    expect(explained.map(({ topic, filed: isFiled }) => [topic, isFiled])).toEqual([['other', true]]);
  });
});
