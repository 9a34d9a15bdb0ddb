import { existsSync, readFileSync } from 'node:fs';
import { parseCommandLine, type UsageError, usageError } from '../../command-line.ts';
import { isRealDay } from '../model/day.ts';
import { parseTaxonomy } from '../model/topic.ts';
import { compileTaxonomy } from '../site/topics.ts';
import { readStoredRecords } from './read-store.ts';
import {
  explainPaper,
  filePapers,
  formatAgreement,
  formatTopicReport,
  type LabelledPaper,
  labelAgreement,
  topicReport,
} from './topic-report.ts';

/**
 * `npm run topics -- [--content DIR] [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--taxonomy FILE]
 * [--top N] [--labels FILE] [--explain ID]`: how content/topics.yaml files the store. A thin wrapper
 * around topic-report.ts. Exit 0, 1 when a record file could not be read or --explain found no paper,
 * 2 for a usage error.
 */

const TOOL = {
  name: 'topics',
  usage:
    'usage: npm run topics -- [--content DIR] [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--taxonomy FILE] [--top N] [--labels FILE] [--explain ID]',
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
    taxonomy: { type: 'string', default: 'content/topics.yaml' },
    top: { type: 'string', default: '20' },
    labels: { type: 'string' },
    explain: { type: 'string' },
  },
});
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
  compiled = compileTaxonomy(taxonomy);
} catch (error) {
  process.stderr.write(`topics: ${(error as Error).message}\n`);
  process.exit(2);
}

// --explain looks the paper up in the whole store: its day need not be in --since/--until.
const range = values.explain === undefined ? { since: values.since, until: values.until } : {};
const { records, problems } = readStoredRecords(values.content, range);
for (const problem of problems) process.stderr.write(`topics: ${problem} (left out)\n`);
let code = problems.length > 0 ? 1 : 0;

if (values.explain !== undefined) {
  const text = explainPaper(values.explain, records, taxonomy, compiled);
  if (text === undefined) {
    process.stderr.write(`topics: no paper with id or arXiv id "${values.explain}" in ${values.content}\n`);
    code = 1;
  } else process.stdout.write(text);
} else {
  const papers = filePapers(records, compiled);
  process.stdout.write(formatTopicReport(topicReport(papers, taxonomy, compiled, top)));
  if (values.labels !== undefined) {
    process.stdout.write(`\nAgreement with the hand labels of ${values.labels}:\n`);
    process.stdout.write(formatAgreement(labelAgreement(papers, readLabels(values.labels), taxonomy)));
  }
}
process.exit(code);
