import { existsSync, globSync, readFileSync, writeFileSync } from 'node:fs';
import { parseCommandLine, type UsageError, usageError } from '../../command-line.ts';
import { isRealDay } from '../model/day.ts';
import { parseTaxonomy } from '../model/topic.ts';
import { TOPIC_MODEL_FILE } from '../model/topic-model.ts';
import { readTopicModel, TAXONOMY_FILE } from '../site/read-taxonomy.ts';
import { compileTaxonomy } from '../site/topics.ts';
import { readStoredRecords } from './read-store.ts';
import {
  explainPaper,
  filePapers,
  formatAgreement,
  formatModelEffect,
  formatTopicReport,
  type LabelledPaper,
  labelAgreement,
  modelEffect,
  pairWithLabels,
  topicReport,
} from './topic-report.ts';
import { formatTopicModel, TRAINING_DEFAULTS, trainTopicModel } from './topic-training.ts';

/**
 * `npm run topics -- [--content DIR] [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--taxonomy FILE]
 * [--model FILE | --rules-only] [--top N] [--labels FILE ...] [--explain ID | --train]`: how
 * content/topics.yaml and the learned model file the store; with `--train`, trains the model on the
 * labelled papers of the store instead. A thin wrapper around topic-report.ts and topic-training.ts.
 * Exit 0, 1 when a record file could not be read or --explain found no paper, 2 for a usage error.
 */

const TOOL = {
  name: 'topics',
  usage:
    'usage: npm run topics -- [--content DIR] [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--taxonomy FILE] [--model FILE | --rules-only] [--top N] [--labels FILE ...] [--explain ID | --train]',
};
const fail: UsageError = usageError(TOOL);

/** The papers of a labels file: `{ "papers": [{ "arxiv" or "id": "…", "labels": ["topic", …] }, …] }`. */
function readLabels(file: string): LabelledPaper[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    fail(`--labels ${file}: ${(error as Error).message}`);
  }
  const papers = (json as { papers?: unknown } | null)?.papers;
  if (!Array.isArray(papers)) fail(`--labels ${file}: expected an object with a "papers" list`);
  return papers.map((paper: unknown, index) => {
    const { id, arxiv, labels } = (paper ?? {}) as Record<string, unknown>;
    const key = typeof id === 'string' ? id : typeof arxiv === 'string' ? arxiv : undefined;
    if (key === undefined || !Array.isArray(labels) || !labels.every((label) => typeof label === 'string')) {
      fail(`--labels ${file}: paper ${index + 1}: expected "id" or "arxiv" and a list of "labels"`);
    }
    return typeof id === 'string' ? { id, labels } : { arxiv: key, labels };
  });
}

const { values } = parseCommandLine(TOOL, {
  options: {
    content: { type: 'string', default: 'content/papers' },
    since: { type: 'string' },
    until: { type: 'string' },
    taxonomy: { type: 'string', default: TAXONOMY_FILE },
    top: { type: 'string', default: '20' },
    model: { type: 'string', default: TOPIC_MODEL_FILE },
    'rules-only': { type: 'boolean', default: false },
    labels: { type: 'string', multiple: true, default: [] },
    explain: { type: 'string' },
    train: { type: 'boolean', default: false },
  },
});
// A quoted pattern (`--labels 'labels/*.json'`) names every file it matches, in name order.
const labelFiles = values.labels.flatMap((pattern) => {
  if (!/[*?[{]/.test(pattern)) return [pattern];
  const files = globSync(pattern).sort();
  if (files.length === 0) fail(`--labels ${pattern}: no file matches`);
  return files;
});
if (values.train && labelFiles.length === 0)
  fail('--train needs --labels: the hand-labelled papers to learn from');
if (values.train && values.explain !== undefined) fail('--train and --explain do not go together');
if (values.train && values['rules-only']) fail('--train writes --model; --rules-only does not go with it');
for (const option of ['since', 'until'] as const) {
  const day = values[option];
  if (day !== undefined && !isRealDay(day))
    fail(`--${option} must be a real day as YYYY-MM-DD; got "${day}"`);
}
const top = Number(values.top);
if (!Number.isInteger(top) || top < 1) fail(`--top must be a whole number of 1 or more; got "${values.top}"`);
if (!existsSync(values.content)) fail(`--content ${values.content}: no such folder`);

let taxonomy: ReturnType<typeof parseTaxonomy>;
let compiled: ReturnType<typeof compileTaxonomy>;
try {
  taxonomy = parseTaxonomy(readFileSync(values.taxonomy, 'utf8'), values.taxonomy);
  // Training starts from the rules alone; a report uses the model unless told not to.
  const model = values.train || values['rules-only'] ? undefined : readTopicModel('.', values.model);
  if (model === undefined && values.model !== TOPIC_MODEL_FILE && !values.train && !values['rules-only'])
    fail(`--model ${values.model}: no such file`);
  compiled = compileTaxonomy(taxonomy, model);
} catch (error) {
  process.stderr.write(`topics: ${(error as Error).message}\n`);
  process.exit(2);
}

// --explain looks the paper up in the whole store: its day need not be in --since/--until.
const range = values.explain === undefined ? { since: values.since, until: values.until } : {};
const { records, problems } = readStoredRecords(values.content, range);
for (const problem of problems) process.stderr.write(`topics: ${problem} (left out)\n`);
let code = problems.length > 0 ? 1 : 0;

if (values.train) {
  const labelled = labelFiles.flatMap(readLabels);
  const { found, missing } = pairWithLabels(records, (record) => record, labelled);
  if (missing.length > 0)
    process.stderr.write(
      `topics: ${missing.length} labelled papers are not in ${values.content}, trained without them: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}\n`,
    );
  const known = new Set(taxonomy.map((topic) => topic.id));
  const unknown = [...new Set(labelled.flatMap((paper) => paper.labels))].filter(
    (label) => !known.has(label),
  );
  if (unknown.length > 0)
    fail(`--labels name topics ${values.taxonomy} does not define: ${unknown.join(', ')}`);
  if (found.length === 0) fail(`--labels: none of the labelled papers is in ${values.content}`);
  const topics = taxonomy.filter((topic) => !topic.fallback).map((topic) => topic.id);
  const about = `Written by \`npm run topics -- --train\` from ${found.length} hand-labelled papers of ${labelFiles.length === 1 ? 'one file' : `${labelFiles.length} files`} (--labels ${values.labels.join(' --labels ')}). Train it again after editing the labels or the topics; delete it to file papers by the rules alone.`;
  const model = trainTopicModel(
    found.map(({ item, labels }) => ({ ...item.data, abstract: item.abstract, labels })),
    topics,
    TRAINING_DEFAULTS,
    about,
  );
  for (const topic of topics.filter((id) => !(id in model.bias))) {
    const count = found.filter(({ labels }) => labels.includes(topic)).length;
    process.stderr.write(
      `topics: no classifier for ${topic}: ${count} labelled papers, at least ${TRAINING_DEFAULTS.minPositives} needed; the rules alone file it\n`,
    );
  }
  const text = formatTopicModel(model);
  writeFileSync(values.model, text);
  const weights = Object.values(model.terms).reduce(
    (total, byTopic) => total + Object.keys(byTopic).length,
    0,
  );
  process.stdout.write(
    `Trained ${Object.keys(model.bias).length} of ${topics.length} topics on ${found.length} labelled papers: ${weights.toLocaleString('en')} weights over ${Object.keys(model.terms).length.toLocaleString('en')} terms, ${Math.round(text.length / 1024).toLocaleString('en')} KB in ${values.model}.\n`,
  );
} else if (values.explain !== undefined) {
  const text = explainPaper(values.explain, records, taxonomy, compiled);
  if (text === undefined) {
    process.stderr.write(`topics: no paper with id or arXiv id "${values.explain}" in ${values.content}\n`);
    code = 1;
  } else process.stdout.write(text);
} else {
  const papers = filePapers(records, compiled);
  process.stdout.write(formatTopicReport(topicReport(papers, taxonomy, compiled, top)));
  if (compiled.model !== undefined) {
    const byRules = filePapers(records, { ...compiled, model: undefined });
    process.stdout.write(`\n${formatModelEffect(modelEffect(papers, byRules, compiled.fallbackId))}`);
  }
  if (labelFiles.length > 0) {
    const filedBy = compiled.model === undefined ? 'the rules' : 'the rules and the model';
    process.stdout.write(`\nAgreement of ${filedBy} with the hand labels of ${labelFiles.join(', ')}:\n`);
    process.stdout.write(formatAgreement(labelAgreement(papers, labelFiles.flatMap(readLabels), taxonomy)));
  }
}
process.exit(code);
