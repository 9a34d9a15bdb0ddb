import type { PaperRecord } from '../model/paper.ts';
import { DEFAULT_AFTER_WITHIN, type TopicData } from '../model/topic.ts';
import { MODEL_FIELDS } from '../model/topic-model.ts';
import {
  type CompiledTaxonomy,
  explainTopics,
  type ModelOpinion,
  type TopicExplanation,
  topicsFor,
} from '../site/topics.ts';

/** A model term's field, by the prefix it carries. */
const MODEL_FIELD_NAMES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(MODEL_FIELDS).map(([field, prefix]) => [prefix, field]),
);

/**
 * `npm run topics`: how the taxonomy files the papers of a store. Shares per topic and per month (to
 * see drift), the words that papers left in the fallback share (as rules to consider), why one paper
 * was filed where it was, and how the rules agree with papers labelled by hand. Pure: records in,
 * numbers and text out; cli.ts reads the store.
 */

/** A record and the topics the taxonomy files it under. */
export interface FiledPaper {
  readonly record: PaperRecord;
  readonly topics: readonly string[];
}

export interface TopicCount {
  readonly id: string;
  readonly name: string;
  readonly papers: number;
  /** Papers filed under the topic over all papers, 0–1. */
  readonly share: number;
}

export interface MonthCount {
  /** `YYYY-MM`. */
  readonly month: string;
  readonly papers: number;
  /** Papers of the month per topic id. */
  readonly byTopic: ReadonlyMap<string, number>;
}

/** A keyword or title phrase that papers in the fallback use more than the papers filed elsewhere. */
export interface Suggestion {
  readonly phrase: string;
  /** Fallback papers that have it. */
  readonly fallback: number;
  /** Papers filed under some other topic that have it. */
  readonly filed: number;
}

export interface TopicReport {
  readonly papers: number;
  /** The first and last day of the papers, when there are any. */
  readonly days?: { readonly from: string; readonly to: string };
  /** Every topic in taxonomy order, the fallback included. */
  readonly topics: readonly TopicCount[];
  readonly fallback: TopicCount;
  readonly topicsPerPaper: number;
  readonly months: readonly MonthCount[];
  readonly keywords: readonly Suggestion[];
  readonly titlePhrases: readonly Suggestion[];
}

/** Files every record; `warn` hears of unknown topic slugs in records. */
export function filePapers(
  records: readonly PaperRecord[],
  compiled: CompiledTaxonomy,
  warn: (message: string) => void = () => {},
): FiledPaper[] {
  return records.map((record) => ({
    record,
    topics: topicsFor({ ...record.data, abstract: record.abstract }, compiled, warn),
  }));
}

/** What the learned model changed against the rules alone: topics added and removed, and papers moved. */
export interface ModelEffect {
  readonly added: number;
  readonly removed: number;
  readonly papers: number;
}

/**
 * Compares each paper's topics (`filed`, with the model) with its topics by the rules alone (`byRules`,
 * the same papers in the same order). The fallback is left out: it comes and goes with the others.
 */
export function modelEffect(
  filed: readonly FiledPaper[],
  byRules: readonly FiledPaper[],
  fallbackId: string,
): ModelEffect {
  let [added, removed, papers] = [0, 0, 0];
  filed.forEach((paper, index) => {
    const before = new Set((byRules[index] as FiledPaper).topics);
    const after = new Set(paper.topics);
    const gained = [...after].filter((topic) => topic !== fallbackId && !before.has(topic)).length;
    const lost = [...before].filter((topic) => topic !== fallbackId && !after.has(topic)).length;
    added += gained;
    removed += lost;
    if (gained + lost > 0) papers++;
  });
  return { added, removed, papers };
}

/** The model's effect as the report's line. */
export function formatModelEffect(effect: ModelEffect): string {
  const count = (value: number, noun: string) =>
    `${value.toLocaleString('en')} ${noun}${value === 1 ? '' : 's'}`;
  return `The learned model added ${count(effect.added, 'topic')} and removed ${count(effect.removed, 'topic')}, on ${count(effect.papers, 'paper')}, against the rules alone (--rules-only shows them).\n`;
}

/** Words too common in titles to suggest a rule on their own. */
const STOP_WORDS = new Set(
  (
    'a an and are as at be by can do does for from how in into is it its of on or our the their this to ' +
    'towards toward via vs what when where which why with without we you your all not one more than beyond ' +
    'using based new through'
  ).split(' '),
);

/** The distinct 1- to 3-word phrases of a title, none starting or ending with a stop word. */
function titlePhrases(title: string): Set<string> {
  const words = title.toLowerCase().match(/[\p{L}\p{N}]+(?:[-'][\p{L}\p{N}]+)*/gu) ?? [];
  const phrases = new Set<string>();
  for (let start = 0; start < words.length; start++) {
    for (let length = 1; length <= 3 && start + length <= words.length; length++) {
      const phrase = words.slice(start, start + length);
      if (STOP_WORDS.has(phrase[0] as string) || STOP_WORDS.has(phrase.at(-1) as string)) continue;
      if (phrase.length === 1 && (phrase[0] as string).length < 3) continue;
      phrases.add(phrase.join(' '));
    }
  }
  return phrases;
}

function keywordPhrases(keywords: readonly string[]): Set<string> {
  return new Set(keywords.map((keyword) => keyword.trim().toLowerCase()).filter((keyword) => keyword !== ''));
}

/**
 * Phrases found in at least two fallback papers and relatively more often there than among the filed
 * papers (at least twice the rate): those a new rule could file without pulling in filed papers.
 * Most fallback papers first; a phrase also filed elsewhere comes after one that is not.
 */
function suggestions(
  papers: readonly FiledPaper[],
  fallbackId: string,
  phrasesOf: (paper: FiledPaper) => Set<string>,
  top: number,
): Suggestion[] {
  const inFallback = new Map<string, number>();
  const inFiled = new Map<string, number>();
  let fallbackPapers = 0;
  for (const paper of papers) {
    const isFallback = paper.topics.includes(fallbackId);
    if (isFallback) fallbackPapers++;
    const counts = isFallback ? inFallback : inFiled;
    for (const phrase of phrasesOf(paper)) counts.set(phrase, (counts.get(phrase) ?? 0) + 1);
  }
  const filedPapers = papers.length - fallbackPapers;
  return [...inFallback]
    .filter(([phrase, count]) => {
      const filed = inFiled.get(phrase) ?? 0;
      return count >= 2 && (filedPapers === 0 || count / fallbackPapers >= (2 * filed) / filedPapers);
    })
    .map(([phrase, fallback]) => ({ phrase, fallback, filed: inFiled.get(phrase) ?? 0 }))
    .sort((a, b) => b.fallback - a.fallback || a.filed - b.filed || a.phrase.localeCompare(b.phrase))
    .slice(0, top);
}

/** Counts per topic and per month, and the fallback's suggestions (the `top` most of each kind). */
export function topicReport(
  papers: readonly FiledPaper[],
  taxonomy: readonly TopicData[],
  compiled: CompiledTaxonomy,
  top = 20,
): TopicReport {
  const total = papers.length;
  const perTopic = new Map<string, number>();
  const perMonth = new Map<string, { papers: number; byTopic: Map<string, number> }>();
  let filings = 0;
  for (const { record, topics } of papers) {
    const month = record.data.day.slice(0, 7);
    const entry = perMonth.get(month) ?? { papers: 0, byTopic: new Map<string, number>() };
    entry.papers++;
    perMonth.set(month, entry);
    for (const id of topics) {
      perTopic.set(id, (perTopic.get(id) ?? 0) + 1);
      entry.byTopic.set(id, (entry.byTopic.get(id) ?? 0) + 1);
      filings++;
    }
  }
  const count = (topic: TopicData): TopicCount => {
    const filed = perTopic.get(topic.id) ?? 0;
    return { id: topic.id, name: topic.name, papers: filed, share: total === 0 ? 0 : filed / total };
  };
  const topics = taxonomy.map(count);
  const days = papers.map(({ record }) => record.data.day).sort();
  return {
    papers: total,
    ...(total > 0 ? { days: { from: days[0] as string, to: days.at(-1) as string } } : {}),
    topics,
    fallback: topics.find((topic) => topic.id === compiled.fallbackId) as TopicCount,
    topicsPerPaper: total === 0 ? 0 : filings / total,
    months: [...perMonth]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([month, entry]) => ({ month, papers: entry.papers, byTopic: entry.byTopic })),
    keywords: suggestions(
      papers,
      compiled.fallbackId,
      (paper) => keywordPhrases(paper.record.data.keywords),
      top,
    ),
    titlePhrases: suggestions(
      papers,
      compiled.fallbackId,
      (paper) => titlePhrases(paper.record.data.title),
      top,
    ),
  };
}

const percent = (share: number) => `${(share * 100).toFixed(1)} %`;

/** Right-aligns `text` in `width` columns. */
const pad = (text: string, width: number) => text.padStart(width);

/** The length of the longest of `texts`, at least `least` (no spread: a store may hold many topics). */
const widest = (texts: readonly string[], least = 0) =>
  texts.reduce((width, text) => Math.max(width, text.length), least);

function monthTable(report: TopicReport): string[] {
  if (report.months.length === 0) return [];
  const width = widest(
    report.topics.map((topic) => topic.id),
    'papers'.length,
  );
  const header = `${''.padEnd(width)}${report.months.map((month) => pad(month.month, 9)).join('')}`;
  const papers = `${'papers'.padEnd(width)}${report.months.map((month) => pad(String(month.papers), 9)).join('')}`;
  const rows = report.topics.map(
    (topic) =>
      `${topic.id.padEnd(width)}${report.months
        .map((month) => pad(percent((month.byTopic.get(topic.id) ?? 0) / month.papers), 9))
        .join('')}`,
  );
  return ['Share of each month’s papers per topic (drift):', header, papers, ...rows];
}

function suggestionLines(title: string, list: readonly Suggestion[], fallbackId: string): string[] {
  if (list.length === 0)
    return [title, '  (none: no phrase is in two papers of the fallback and rare elsewhere)'];
  const width = widest(list.map((entry) => entry.phrase));
  return [
    title,
    ...list.map(
      (entry) =>
        `  ${entry.phrase.padEnd(width)}  ${pad(String(entry.fallback), 5)} in ${fallbackId}  ${pad(String(entry.filed), 5)} filed elsewhere`,
    ),
  ];
}

/** The report as text for a terminal. */
export function formatTopicReport(report: TopicReport): string {
  if (report.papers === 0) return 'No papers in the store for these days.\n';
  const nameWidth = widest(report.topics.map((topic) => topic.name));
  const idWidth = widest(report.topics.map((topic) => topic.id));
  const lines = [
    `${report.papers.toLocaleString('en')} papers, ${report.days?.from} to ${report.days?.to}; ` +
      `${report.topicsPerPaper.toFixed(2)} topics per paper; ` +
      `${percent(report.fallback.share)} only in ${report.fallback.name} (${report.fallback.id}).`,
    '',
    `${'topic'.padEnd(nameWidth)}  ${'id'.padEnd(idWidth)}  ${pad('papers', 7)}  ${pad('share', 7)}`,
    ...report.topics.map(
      (topic) =>
        `${topic.name.padEnd(nameWidth)}  ${topic.id.padEnd(idWidth)}  ${pad(topic.papers.toLocaleString('en'), 7)}  ${pad(percent(topic.share), 7)}`,
    ),
    '',
    ...monthTable(report),
    '',
    ...suggestionLines(
      `Keywords of papers only in ${report.fallback.id}, more frequent there than in filed papers (rules to consider):`,
      report.keywords,
      report.fallback.id,
    ),
    '',
    ...suggestionLines(
      `Title phrases of papers only in ${report.fallback.id}, likewise:`,
      report.titlePhrases,
      report.fallback.id,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

/** `rule 2 (title ≥ 1, keywords ≥ 2, abstract ≥ 2)`: what a rule asks, as the taxonomy wrote it. */
function describeRule(topic: TopicData, rule: number): string {
  const source = topic.match[rule - 1];
  if (source === undefined) return `rule ${rule}`;
  const where = source.where
    ? Object.entries(source.where)
        .map(([field, times]) => `${field} ≥ ${times}`)
        .join(', ')
    : 'once anywhere';
  const asks = source.phrases.length > 0 ? [where] : [];
  if (source.after !== undefined)
    asks.push(`after a contribution phrase, within ${source.within ?? DEFAULT_AFTER_WITHIN} words`);
  if (source.categories.length > 0) asks.push(`categories ${source.categories.join(', ')}`);
  if (source.weak) asks.push('weak');
  return `rule ${rule} (${asks.join('; ')})`;
}

const quoted = (phrases: readonly string[]) => phrases.map((phrase) => `"${phrase}"`).join(', ');

/** Why a paper is filed where it is: each topic a rule, its own topics or its exclusions name. */
export function formatExplanation(
  record: PaperRecord,
  explanations: readonly TopicExplanation[],
  taxonomy: readonly TopicData[],
): string {
  const byId = new Map(taxonomy.map((topic) => [topic.id, topic]));
  const filed = explanations
    .filter((explanation) => explanation.filed)
    .map((explanation) => explanation.topic);
  const lines = [
    `${record.data.id} (${record.data.day}): ${record.data.title}`,
    `filed under: ${filed.join(', ')}`,
  ];
  for (const explanation of explanations) {
    const topic = byId.get(explanation.topic) as TopicData;
    const state = explanation.filed ? 'filed' : 'not filed';
    lines.push('', `${topic.id} (${topic.name}): ${state}`);
    if (explanation.excluded) lines.push('  excludedTopics of the record names it: no rule files it here');
    if (explanation.own) lines.push('  topics of the record names it');
    if (topic.fallback && explanation.filed && !explanation.own) lines.push('  no other topic applies');
    for (const rule of explanation.rules) {
      const evidence = rule.fields.map((field) => `${field.field} ${quoted(field.found)}`);
      if (rule.categories.length > 0) evidence.push(`category ${rule.categories.join(', ')}`);
      const stopped = rule.stoppedBy.length > 0 ? `; unless ${quoted(rule.stoppedBy)} cancelled a field` : '';
      const verdict = rule.matched ? 'matches' : 'does not match';
      lines.push(
        `  ${describeRule(topic, rule.rule)} ${verdict}: ${evidence.join('; ') || 'no field'}${stopped}`,
      );
    }
    if (explanation.lastResort !== undefined) {
      const found = explanation.lastResort.fields.map((field) => `${field.field} ${quoted(field.found)}`);
      lines.push(
        `  last resort: no rule files the paper anywhere, and its phrases occur ${explanation.lastResort.mentions} times, the most of any topic: ${found.join('; ')}`,
      );
    }
    if (explanation.outrankedBy.length > 0)
      lines.push(
        `  only weak rules match, and ${explanation.outrankedBy.join(', ')} ${explanation.outrankedBy.length === 1 ? 'has' : 'have'} strong evidence: not filed here`,
      );
    if (explanation.model !== undefined) for (const line of modelLines(explanation.model)) lines.push(line);
  }
  return `${lines.join('\n')}\n`;
}

/** What the learned model made of a topic, and the paper's terms that weighed most. */
function modelLines(opinion: ModelOpinion): string[] {
  const probability = `probability ${opinion.probability.toFixed(2)} (score ${opinion.score.toFixed(2)})`;
  const verdict = {
    added: `model: ${probability}, at least ${opinion.addAt}: added`,
    removed: `model: ${probability}, at most ${opinion.dropAt}: removed`,
    agreed: `model: ${probability} (adds at ${opinion.addAt}, removes at ${opinion.dropAt}): left as the rules file it`,
  }[opinion.verdict];
  const terms = opinion.terms.map(
    ({ term, contribution }) =>
      `${MODEL_FIELD_NAMES[term.slice(0, 1)]} "${term.slice(2)}" ${contribution >= 0 ? '+' : ''}${contribution.toFixed(2)}`,
  );
  return [`  ${verdict}`, ...(terms.length > 0 ? [`    weighed most: ${terms.join(', ')}`] : [])];
}

/** Why one paper is filed where it is; `undefined` when the store has no paper with that id or arXiv id. */
export function explainPaper(
  id: string,
  records: readonly PaperRecord[],
  taxonomy: readonly TopicData[],
  compiled: CompiledTaxonomy,
): string | undefined {
  const record =
    records.find((candidate) => candidate.data.id === id) ??
    records.find((candidate) => candidate.data.arxiv === id.replace(/v\d+$/, ''));
  if (record === undefined) return undefined;
  return formatExplanation(
    record,
    explainTopics({ ...record.data, abstract: record.abstract }, compiled),
    taxonomy,
  );
}

/** A paper labelled by hand: its id (or arXiv id) and the topics a reader would file it under. */
export interface LabelledPaper {
  readonly id?: string;
  readonly arxiv?: string;
  readonly labels: readonly string[];
}

export interface Agreement {
  readonly id: string;
  /** Filed by the rules and labelled. */
  readonly agreed: number;
  /** Filed by the rules, not labelled. */
  readonly extra: number;
  /** Labelled, not filed by the rules. */
  readonly missed: number;
  readonly precision: number;
  readonly recall: number;
}

export interface LabelAgreement {
  /** Labelled papers found in the store. */
  readonly papers: number;
  /** Ids of labelled papers the store lacks. */
  readonly missing: readonly string[];
  readonly topics: readonly Agreement[];
  /** Over all topics' decisions together. */
  readonly micro: Agreement;
}

function agreement(id: string, agreed: number, extra: number, missed: number): Agreement {
  return {
    id,
    agreed,
    extra,
    missed,
    precision: agreed + extra === 0 ? 1 : agreed / (agreed + extra),
    recall: agreed + missed === 0 ? 1 : agreed / (agreed + missed),
  };
}

/**
 * Each labelled paper with the item of `items` it names (by id, else arXiv id), and the ids of those
 * no item has, in the labels' order.
 */
export function pairWithLabels<Item>(
  items: readonly Item[],
  recordOf: (item: Item) => PaperRecord,
  labelled: readonly LabelledPaper[],
): { found: { item: Item; labels: readonly string[] }[]; missing: string[] } {
  const byId = new Map<string, Item>();
  for (const item of items) {
    const { id, arxiv } = recordOf(item).data;
    byId.set(id, item);
    if (arxiv !== undefined) byId.set(arxiv, item);
  }
  const found: { item: Item; labels: readonly string[] }[] = [];
  const missing: string[] = [];
  for (const entry of labelled) {
    const key = entry.id ?? entry.arxiv ?? '';
    const item = byId.get(key) ?? (entry.arxiv === undefined ? undefined : byId.get(entry.arxiv));
    if (item === undefined) missing.push(key);
    else found.push({ item, labels: entry.labels });
  }
  return { found, missing };
}

/**
 * Precision and recall of the rules against hand labels, per topic (the fallback included) and over
 * all of them (micro-averaged: every paper-topic decision counts once).
 */
export function labelAgreement(
  papers: readonly FiledPaper[],
  labelled: readonly LabelledPaper[],
  taxonomy: readonly TopicData[],
): LabelAgreement {
  const { found, missing } = pairWithLabels(papers, (paper) => paper.record, labelled);
  const counts = new Map(taxonomy.map((topic) => [topic.id, { agreed: 0, extra: 0, missed: 0 }]));
  for (const { item: paper, labels } of found) {
    for (const [id, count] of counts) {
      const filed = paper.topics.includes(id);
      const wanted = labels.includes(id);
      if (filed && wanted) count.agreed++;
      else if (filed) count.extra++;
      else if (wanted) count.missed++;
    }
  }
  const topics = [...counts].map(([id, count]) => agreement(id, count.agreed, count.extra, count.missed));
  const sum = (key: 'agreed' | 'extra' | 'missed') => topics.reduce((total, topic) => total + topic[key], 0);
  return {
    papers: found.length,
    missing,
    topics,
    micro: agreement('all topics', sum('agreed'), sum('extra'), sum('missed')),
  };
}

/** The agreement as a table: per topic, then micro-averaged. */
export function formatAgreement(result: LabelAgreement): string {
  const rows = [...result.topics, result.micro];
  const width = widest(rows.map((row) => row.id));
  const line = (row: Agreement) =>
    `${row.id.padEnd(width)}  ${pad(row.precision.toFixed(2), 9)}  ${pad(row.recall.toFixed(2), 6)}  ${pad(String(row.agreed), 6)}  ${pad(String(row.extra), 5)}  ${pad(String(row.missed), 6)}`;
  const lines = [
    `${result.papers} labelled papers${result.missing.length > 0 ? ` (${result.missing.length} not in the store: ${result.missing.slice(0, 5).join(', ')}${result.missing.length > 5 ? ', …' : ''})` : ''}`,
    `${'topic'.padEnd(width)}  precision  recall  agreed  extra  missed`,
    ...result.topics.map(line),
    line(result.micro),
  ];
  return `${lines.join('\n')}\n`;
}
