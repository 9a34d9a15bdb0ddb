import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, test } from 'vitest';
import { useTempContentDir } from '../../../tests/helpers.ts';
import { paperSchema } from '../model/paper.ts';
import { parseTopicModel } from '../model/topic-model.ts';
import { serialiseRecord } from '../store/record-file.ts';
import { readStoredRecords } from './read-store.ts';

/** `npm run topics` as a maintainer runs it: Node's own type stripping on cli.ts. */

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const dir = useTempContentDir();

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [fileURLToPath(new URL('./cli.ts', import.meta.url)), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const TAXONOMY = `
- id: agents
  name: Agents
  description: Acting models.
  match:
    - phrases: [agent]
      where: { title: 1, abstract: 2 }
- id: vision
  name: Vision
  description: Images.
  match:
    - phrases: [image]
      where: { title: 1 }
      unless: [video]
- id: other
  name: Other
  description: The rest.
  fallback: true
`;

function store(id: string, day: string, fields: Record<string, unknown>, abstract = 'An abstract.') {
  const data = paperSchema.parse({ id, day, source: 'jsonl', ...fields });
  mkdirSync(join(dir(), 'papers', day), { recursive: true });
  writeFileSync(join(dir(), 'papers', day, `${id}.md`), serialiseRecord({ data, abstract }));
}

const papers = () => join(dir(), 'papers');
const taxonomy = () => join(dir(), 'topics.yaml');
/** The report on the test store with the test taxonomy, by its rules alone. */
const byRules = (...args: string[]) =>
  run('--content', papers(), '--taxonomy', taxonomy(), '--rules-only', ...args);

beforeEach(() => {
  writeFileSync(taxonomy(), TAXONOMY);
  store('2501.00001', '2025-01-02', { title: 'An agent for images', arxiv: '2501.00001' });
  store('2501.00002', '2025-01-03', { title: 'Web agents' });
  store('2502.00001', '2025-02-01', { title: 'Time series forecasting', keywords: ['time series'] });
  store('2502.00002', '2025-02-02', { title: 'Forecasting time series', keywords: ['time series'] });
  store('2502.00003', '2025-02-03', { title: 'Video image tricks', excludedTopics: ['agents'] });
});

describe('readStoredRecords', () => {
  test('reads every record of the day folders within the range, and names files that are not records', () => {
    mkdirSync(join(papers(), 'not-a-day'));
    writeFileSync(join(papers(), 'not-a-day', 'x.md'), 'ignored');
    writeFileSync(join(papers(), '2025-02-03', 'broken.md'), '---\nid: [\n---\n');
    const all = readStoredRecords(papers());
    expect(all.records.map((record) => record.data.id)).toEqual([
      '2501.00001',
      '2501.00002',
      '2502.00001',
      '2502.00002',
      '2502.00003',
    ]);
    expect(all.problems).toHaveLength(1);
    expect(all.problems[0]).toContain(join('2025-02-03', 'broken.md'));
    const february = readStoredRecords(papers(), { since: '2025-02-01', until: '2025-02-02' });
    expect(february.records.map((record) => record.data.id)).toEqual(['2502.00001', '2502.00002']);
  });
});

// Each test starts Node; on a loaded two-core machine that alone can take seconds.
describe('npm run topics', { timeout: 60_000 }, () => {
  test('prints papers and share per topic, the fallback share, shares per month and suggestions', () => {
    const result = byRules();
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^5 papers, 2025-01-02 to 2025-02-03; 1\.20 topics per paper; 60\.0 % only in Other \(other\)\.$/m,
    );
    expect(result.stdout).toMatch(/^Agents\s+agents\s+2\s+40\.0 %$/m);
    expect(result.stdout).toMatch(/^Vision\s+vision\s+1\s+20\.0 %$/m);
    expect(result.stdout).toMatch(/^Other\s+other\s+3\s+60\.0 %$/m);
    expect(result.stdout).toMatch(/^other\s+0\.0 %\s+100\.0 %$/m);
    expect(result.stdout).toMatch(/^ {2}time series\s+2 in other\s+0 filed elsewhere$/m);
  });

  test('--since and --until limit the days', () => {
    const result = byRules('--since', '2025-01-03', '--until', '2025-02-01');
    expect(result.stdout).toMatch(/^2 papers, 2025-01-03 to 2025-02-01;/m);
  });

  test('--explain names the rule that filed a paper, by id or arXiv id, and the record’s corrections', () => {
    const explained = byRules('--explain', '2501.00001v2');
    expect(explained.code).toBe(0);
    expect(explained.stdout).toBe(
      [
        '2501.00001 (2025-01-02): An agent for images',
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
    const corrected = byRules('--explain', '2502.00003');
    expect(corrected.stdout).toContain(
      'vision (Vision): not filed\n  rule 1 (title ≥ 1) does not match: no field; unless "Video" cancelled a field',
    );
    expect(corrected.stdout).toContain('other (Other): filed\n  no other topic applies');
  });

  test('--explain of a paper the store lacks: exit 1 with a message', () => {
    const result = byRules('--explain', 'nope');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no paper with id or arXiv id "nope"');
  });

  test('--labels prints precision and recall against papers labelled by hand', () => {
    const labels = join(dir(), 'labels.json');
    writeFileSync(
      labels,
      JSON.stringify({
        papers: [
          { arxiv: '2501.00001', labels: ['agents'] },
          { id: '2502.00003', labels: ['vision'] },
        ],
      }),
    );
    const result = byRules('--labels', labels);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^agents\s+1\.00\s+1\.00\s+1\s+0\s+0$/m);
    expect(result.stdout).toMatch(/^vision\s+0\.00\s+0\.00\s+0\s+1\s+1$/m);
    expect(result.stdout).toMatch(/^all topics\s+0\.33\s+0\.50\s+1\s+2\s+1$/m);
  });

  test('an unreadable record is named on stderr and left out: exit 1', () => {
    writeFileSync(join(papers(), '2025-01-02', 'broken.md'), 'not a record');
    const result = byRules();
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^topics: .*broken\.md: .* \(left out\)$/m);
    expect(result.stdout).toMatch(/^5 papers,/m);
  });

  test.each([
    [['--since', '2025-02-30'], '--since must be a real day'],
    [['--top', '0'], '--top must be a whole number'],
    [['--content', '/no/such/dir'], '--content /no/such/dir: no such folder'],
    [['--bogus'], "Unknown option '--bogus'"],
  ])('usage error %j: exit 2', (args, message) => {
    const result = run('--taxonomy', taxonomy(), '--rules-only', '--content', papers(), ...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  test('a taxonomy with a mistake: exit 2 naming the file, topic and field', () => {
    writeFileSync(taxonomy(), TAXONOMY.replace('where: { title: 1 }', 'where: { title: 0 }'));
    const result = byRules();
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/topics\.yaml: topic 2 \(vision\): match\.0\.where\.title: /);
  });

  describe('the learned model', () => {
    const labels = () => join(dir(), 'labels.json');
    const model = () => join(dir(), 'model.json');
    const TOOL_USE = ['Planner calls tools.', 'Planner browses the web.', 'Tools for web tasks.'];
    const PHOTOS = ['Denoising photos.', 'Photos at night.', 'Sharper photos.'];
    const train = () =>
      run(
        '--content',
        papers(),
        '--taxonomy',
        taxonomy(),
        '--labels',
        labels(),
        '--train',
        '--model',
        model(),
      );
    const withModel = (...args: string[]) =>
      run('--content', papers(), '--taxonomy', taxonomy(), '--model', model(), ...args);

    /** Papers about tool use that never say "agent", papers about photos, labelled by hand. */
    beforeEach(() => {
      const papers: { id: string; labels: string[] }[] = [];
      for (let index = 0; index < 24; index++) {
        store(`tool-${index}`, '2025-03-01', { title: `Study ${index}` }, TOOL_USE[index % 3]);
        store(`photo-${index}`, '2025-03-01', { title: `Study ${index}` }, PHOTOS[index % 3]);
        papers.push(
          { id: `tool-${index}`, labels: ['agents'] },
          { id: `photo-${index}`, labels: ['vision'] },
        );
      }
      store('unlabelled', '2025-03-02', { title: 'A web planner' }, 'Planner calls tools.');
      writeFileSync(labels(), JSON.stringify({ papers }));
    });

    test('--train writes a model of the labelled papers, the same bytes each time, that files what the rules miss', () => {
      const trained = train();
      expect(trained.stderr).toBe('');
      expect(trained.code).toBe(0);
      expect(trained.stdout).toMatch(
        /^Trained 2 of 2 topics on 48 labelled papers: [\d,]+ weights over [\d,]+ terms/m,
      );
      const text = readFileSync(model(), 'utf8');
      const data = parseTopicModel(text);
      expect(data.trainedOn).toBe(48);
      expect(Object.keys(data.bias).sort()).toEqual(['agents', 'vision']);
      expect(data.about).toContain(labels());
      train();
      expect(readFileSync(model(), 'utf8')).toBe(text);

      const ruleFiled = byRules('--explain', 'unlabelled');
      expect(ruleFiled.stdout).toContain('filed under: other\n');
      const explained = withModel('--explain', 'unlabelled');
      expect(explained.code).toBe(0);
      expect(explained.stdout).toContain('filed under: agents\n');
      expect(explained.stdout).toMatch(
        /^agents \(Agents\): filed\n {2}model: probability (0\.[6-9]\d|1\.00) \(score -?\d+\.\d\d\), at least 0\.6: added\n {4}weighed most: (title|abstract) "[^"]+" \+/m,
      );
      expect(explained.stdout).toMatch(/weighed most: .*abstract "planner"/);
    });

    test('--labels reports the agreement of the rules and the model together', () => {
      train();
      const result = withModel('--labels', labels());
      expect(result.stdout).toContain('Agreement of the rules and the model with the hand labels of');
      expect(result.stdout).toMatch(
        /^The learned model added [\d,]+ topics? and removed [\d,]+ topics?, on [\d,]+ papers?, against the rules alone/m,
      );
      expect(byRules('--labels', labels()).stdout).not.toContain('The learned model');
      expect(result.stdout).toMatch(/^agents\s+1\.00\s+1\.00\s+24\s+0\s+0$/m);
    });

    test('a model with a topic the taxonomy does not define: exit 2 naming the file and the topic', () => {
      train();
      writeFileSync(taxonomy(), TAXONOMY.replace('id: vision', 'id: images'));
      const result = run('--content', papers(), '--taxonomy', taxonomy(), '--model', model());
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`${model()} has a classifier for "vision"`);
    });

    test.each([
      [['--train'], '--train needs --labels'],
      [['--train', '--labels', 'LABELS', '--explain', 'x'], '--train and --explain do not go together'],
      [['--labels', 'no-such-*.json'], '--labels no-such-*.json: no file matches'],
      [['--model', 'no-such-model.json'], '--model no-such-model.json: no such file'],
    ])('usage error %j: exit 2', (args, message) => {
      const result = run(
        '--content',
        papers(),
        '--taxonomy',
        taxonomy(),
        ...args.map((arg) => (arg === 'LABELS' ? labels() : arg)),
      );
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(message);
    });

    test('labels naming a topic the taxonomy does not define: exit 2, nothing written', () => {
      writeFileSync(labels(), JSON.stringify({ papers: [{ id: 'tool-1', labels: ['robots'] }] }));
      const result = train();
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('does not define: robots');
    });
  });
});
