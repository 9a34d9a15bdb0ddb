/**
 * Synthetic Hugging Face daily-papers data for the benchmark: deterministic for a seed, with a
 * realistic vocabulary (a Zipf distribution over tens of thousands of distinct words), so the search
 * index grows as a real one does. Pure functions; only `writeDayFiles` touches the disk.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A stream of numbers in [0, 1). */
export type Rng = () => number;

/** mulberry32: a small seeded PRNG, the same stream for a seed on every machine. */
export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A new 32-bit seed from a seed and an index (one stream per paper, so paper i is the same for every N). */
export function mixSeed(seed: number, index: number): number {
  let h = (seed ^ Math.imul(index | 0, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** An integer in [min, max], both included. */
export function randomInt(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

/** One element of a non-empty list. */
export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)] as T;
}

/**
 * Real words for the most frequent ranks, most frequent first: English function words, then the
 * vocabulary of ML abstracts (some of them phrases of the site's topic rules, so topics fill as in a
 * real digest). Everything after them is pseudo-words.
 */
export const HEAD_WORDS: readonly string[] = [
  'the',
  'of',
  'and',
  'to',
  'a',
  'in',
  'we',
  'for',
  'is',
  'that',
  'with',
  'on',
  'by',
  'our',
  'as',
  'this',
  'are',
  'model',
  'from',
  'models',
  'an',
  'which',
  'be',
  'data',
  'language',
  'learning',
  'can',
  'performance',
  'training',
  'method',
  'large',
  'results',
  'it',
  'show',
  'these',
  'task',
  'tasks',
  'such',
  'approach',
  'propose',
  'while',
  'both',
  'or',
  'at',
  'benchmark',
  'existing',
  'new',
  'based',
  'methods',
  'their',
  'has',
  'not',
  'through',
  'more',
  'than',
  'framework',
  'address',
  'however',
  'reasoning',
  'across',
  'agents',
  'dataset',
  'evaluation',
  'generation',
  'using',
  'into',
  'each',
  'inference',
  'different',
  'approaches',
  'significantly',
  'multimodal',
  'video',
  'image',
  'vision',
  'text',
  'visual',
  'information',
  'efficient',
  'quality',
  'demonstrate',
  'problem',
  'high',
  'state',
  'art',
  'introduce',
  'novel',
  'also',
  'retrieval',
  'diffusion',
  'reinforcement',
  'policy',
  'reward',
  'human',
  'baseline',
  'baselines',
  'accuracy',
  'robust',
  'scale',
  'scaling',
  'tokens',
  'token',
  'attention',
  'transformer',
  'architecture',
  'sequence',
  'context',
  'prompt',
  'prompts',
  'fine',
  'tuning',
  'pretraining',
  'supervised',
  'instruction',
  'alignment',
  'preference',
  'safety',
  'code',
  'mathematical',
  'math',
  'questions',
  'answer',
  'knowledge',
  'graph',
  'representation',
  'representations',
  'features',
  'latent',
  'space',
  'loss',
  'objective',
  'optimization',
  'gradient',
  'parameters',
  'memory',
  'compute',
  'cost',
  'latency',
  'speed',
  'decoding',
  'speculative',
  'generalization',
  'distribution',
  'synthetic',
  'real',
  'world',
  'experiments',
  'analysis',
  'study',
  'survey',
  'review',
  'limitations',
  'future',
  'work',
  'open',
  'source',
  'available',
  'release',
  'protein',
  'proteins',
  'gene',
  'molecular',
  'biological',
  'medical',
  'clinical',
  'speech',
  'audio',
  'translation',
  'summarization',
  'recommendation',
  'search',
  'ranking',
  'embedding',
  'embeddings',
  'robot',
  'robotics',
  'planning',
  'navigation',
  'detection',
  'segmentation',
  'tracking',
  'editing',
  'rendering',
  'geometry',
  'scene',
  'physical',
  'simulation',
  'evaluate',
  'metrics',
  'hallucination',
  'uncertainty',
  'calibration',
  'interpretability',
  'adversarial',
  'attack',
  'privacy',
  'federated',
  'agent',
  'tool',
  'tools',
  'environment',
  'environments',
  'feedback',
  'trajectory',
  'trajectories',
  'chain',
  'thought',
  'step',
  'steps',
  'long',
  'short',
  'small',
  'compact',
  'sparse',
  'dense',
  'mixture',
  'experts',
  'routing',
  'quantization',
  'pruning',
  'distillation',
  'compression',
  'kernel',
  'hardware',
  'parallel',
  'recurrent',
  'convolutional',
  'autoregressive',
  'encoder',
  'decoder',
  'contrastive',
  'self',
  'zero',
  'shot',
  'few',
  'domain',
  'transfer',
  'adaptation',
  'continual',
  'curriculum',
  'sampling',
  'noise',
  'denoising',
  'flow',
  'matching',
  'consistency',
  'temporal',
  'spatial',
  'structure',
  'structured',
  'semantic',
  'fidelity',
];

const ONSETS = [
  'b',
  'c',
  'd',
  'f',
  'g',
  'h',
  'k',
  'l',
  'm',
  'n',
  'p',
  'r',
  's',
  't',
  'v',
  'w',
  'z',
  'br',
  'cr',
  'dr',
  'fl',
  'gr',
  'pl',
  'pr',
  'st',
  'tr',
  'ch',
  'sh',
  'th',
  'qu',
  '',
];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'io', 'ou', 'y'];
const CODAS = ['', '', '', 'n', 'r', 's', 't', 'l', 'm', 'x', 'nd', 'st', 'rk', 'ng'];

/** A pronounceable lower-case pseudo-word of `syllables` syllables. */
export function pseudoWord(rng: Rng, syllables: number): string {
  let word = '';
  for (let index = 0; index < syllables; index++)
    word += pick(rng, ONSETS) + pick(rng, VOWELS) + pick(rng, CODAS);
  return word;
}

/**
 * `size` distinct lower-case words by frequency rank: the head words, then pseudo-words that grow
 * longer for rarer ranks (frequent words are short in every language).
 */
export function makeVocabulary(seed: number, size: number): string[] {
  const rng = mulberry32(mixSeed(seed, 0x766f63));
  const words = HEAD_WORDS.slice(0, size);
  const seen = new Set(words);
  while (words.length < size) {
    const rank = words.length;
    const syllables =
      rank < 2_000 ? randomInt(rng, 1, 2) : rank < 15_000 ? randomInt(rng, 2, 3) : randomInt(rng, 2, 4);
    const word = pseudoWord(rng, syllables);
    if (word.length < 2 || seen.has(word)) continue;
    seen.add(word);
    words.push(word);
  }
  return words;
}

/** A sampler of ranks 0…size-1 with P(rank r) ∝ 1 / (r + 1)^exponent (Zipf's law). */
export function zipfSampler(size: number, exponent = 1): (rng: Rng) => number {
  const cumulative = new Float64Array(size);
  let total = 0;
  for (let rank = 0; rank < size; rank++) {
    total += 1 / (rank + 1) ** exponent;
    cumulative[rank] = total;
  }
  return (rng) => {
    const target = rng() * total;
    let low = 0;
    let high = size - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((cumulative[middle] as number) < target) low = middle + 1;
      else high = middle;
    }
    return low;
  };
}

/** Everything shared by the papers of one data set: vocabulary, names, samplers. */
export interface Corpus {
  seed: number;
  vocabulary: readonly string[];
  /** A word drawn by Zipf rank from the whole vocabulary. */
  word: (rng: Rng) => string;
  /** A content word (no head function words) for titles and keywords. */
  contentWord: (rng: Rng) => string;
  firstNames: readonly string[];
  surnames: readonly string[];
}

/** Ranks below this are function words, left out of titles' and keywords' content words. */
const FUNCTION_RANKS = 17;

export function makeCorpus(seed: number, vocabularySize = 60_000): Corpus {
  const vocabulary = makeVocabulary(seed, vocabularySize);
  const rank = zipfSampler(vocabulary.length);
  const contentRank = zipfSampler(vocabulary.length - FUNCTION_RANKS);
  const names = mulberry32(mixSeed(seed, 0x6e616d));
  const capital = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
  const nameList = (count: number) =>
    Array.from({ length: count }, () => capital(pseudoWord(names, randomInt(names, 1, 3))));
  return {
    seed,
    vocabulary,
    word: (rng) => vocabulary[rank(rng)] as string,
    contentWord: (rng) => vocabulary[FUNCTION_RANKS + contentRank(rng)] as string,
    firstNames: nameList(3_000),
    surnames: nameList(8_000),
  };
}

/** The newest digest day of a data set: day index 0. Day index -1 is the "extra new day" after it. */
export const NEWEST_DAY = '2026-11-27';

/** The calendar day `index` days before the newest (negative: after it). */
export function dayOfIndex(index: number, newest = NEWEST_DAY): string {
  return new Date(Date.parse(`${newest}T00:00:00Z`) - index * 86_400_000).toISOString().slice(0, 10);
}

/** A synthetic paper, in the fields a Hugging Face daily-papers item carries. */
export interface GeneratedPaper {
  id: string;
  day: string;
  title: string;
  authors: string[];
  abstract: string;
  summary: string;
  keywords: string[];
  upvotes: number;
  publishedAt: string;
  submittedOnDailyAt: string;
  githubRepo?: string;
  githubStars?: number;
  projectPage?: string;
  organization?: { _id: string; name: string; fullname: string };
  numComments: number;
}

/**
 * The shape of the real stream, so that bytes per paper at 100k are those of real papers: percentiles
 * (`SHAPE_PERCENTILES`) of words per abstract, words per title and authors per paper, measured on the
 * 3,965 papers of the shared Hugging Face days (2024-06 … 2025-06). generate.test.ts measures that corpus
 * again and checks the generated papers against it. The authors' tail is kept fine: one paper in a
 * hundred has more than 54 authors, and the longest list has 664.
 */
export const SHAPE_PERCENTILES = [
  0, 0.01, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.97, 0.98, 0.99, 0.995, 0.998, 0.999, 1,
];
export const REAL_SHAPE = {
  abstractWords: [
    29, 96, 118, 131, 147, 160, 171, 180, 190, 201, 216, 235, 249, 257, 263, 270, 278, 290, 291, 309,
  ],
  titleWords: [1, 3, 5, 6, 7, 8, 8, 9, 10, 11, 11, 13, 14, 15, 16, 16, 17, 18, 19, 24],
  authors: [1, 1, 3, 3, 4, 5, 6, 7, 8, 9, 10, 14, 19, 25, 32, 54, 88, 196, 251, 664],
} as const;

/**
 * Abstracts with a LaTeX formula: 1.6 % of the shared days' papers have a backslash command (65 of
 * 3,965), and 3 a `$…$` span. Rounded up, so that the math path still runs often.
 */
export const MATH_SHARE = 0.02;
/** Titles with a formula: 3 of the 3,965, rounded up as well. */
export const TITLE_MATH_SHARE = 0.005;

/** A whole number drawn from a distribution given by its percentiles, linear between them. */
export function fromPercentiles(rng: Rng, values: readonly number[]): number {
  const u = rng();
  let index = 1;
  while (index < SHAPE_PERCENTILES.length - 1 && (SHAPE_PERCENTILES[index] as number) <= u) index++;
  const low = SHAPE_PERCENTILES[index - 1] as number;
  const high = SHAPE_PERCENTILES[index] as number;
  const from = values[index - 1] as number;
  const to = values[index] as number;
  return Math.round(from + ((u - low) / (high - low)) * (to - from));
}

const MATH = [
  () => '$O(n \\log n)$',
  (rng: Rng) => `$\\mathbb{R}^{${pick(rng, ['d', 'n', 'k', 'd \\times d'])}}$`,
  (rng: Rng) => `$k=${randomInt(rng, 2, 64)}$`,
  (rng: Rng) => `\\(\\alpha = 0.${randomInt(rng, 1, 99)}\\)`,
  () => '$\\ell_2$',
  () => '$\\mathcal{O}(T^{2})$',
  (rng: Rng) => `$${randomInt(rng, 2, 40)}\\times$`,
  (rng: Rng) => `\\(\\epsilon < 10^{-${randomInt(rng, 2, 8)}}\\)`,
  () => '$\\sum_{i=1}^{N} w_i x_i$',
  (rng: Rng) => `$p_\\theta(x_t \\mid x_{<t})$, $\\beta=${randomInt(rng, 1, 9)}$`,
];

/** An inline math span, `$…$` or `\(…\)`. */
export function mathSpan(rng: Rng): string {
  return pick(rng, MATH)(rng);
}

/** Math spans and URLs: text that is not counted as words. */
export const NON_WORD = /\$[^$]+\$|\\\(.*?\\\)|https?:\/\/\S+/g;

function hex(rng: Rng, length: number): string {
  let text = '';
  for (let index = 0; index < length; index++) text += Math.floor(rng() * 16).toString(16);
  return text;
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function number(rng: Rng): string {
  return pick(rng, [
    `${randomInt(rng, 1, 99)}.${randomInt(rng, 0, 9)}%`,
    `${randomInt(rng, 2, 70)}B`,
    String(randomInt(rng, 2, 2_000)),
    `${randomInt(rng, 1, 9)}.${randomInt(rng, 0, 9)}x`,
  ]);
}

/** `count` words of running text in sentences of 10–28 words, with some commas and numbers. */
export function prose(corpus: Corpus, rng: Rng, count: number): string {
  const sentences: string[] = [];
  let left = count;
  while (left > 0) {
    const length = Math.min(left, randomInt(rng, 10, 28));
    left -= length;
    const words: string[] = [];
    for (let index = 0; index < length; index++) {
      let word = rng() < 0.02 ? number(rng) : corpus.word(rng);
      if (index === 0) word = capitalise(word);
      if (index < length - 1 && rng() < 0.07) word += ',';
      words.push(word);
    }
    sentences.push(`${words.join(' ')}.`);
  }
  return sentences.join(' ');
}

/** Inserts `extra` tokens between the words of a text at random places. */
function insertTokens(rng: Rng, text: string, extra: string[]): string {
  const tokens = text.split(' ');
  for (const token of extra) tokens.splice(randomInt(rng, 1, tokens.length - 1), 0, token);
  return tokens.join(' ');
}

function githubUser(corpus: Corpus, rng: Rng): string {
  return `${pick(rng, corpus.surnames).toLowerCase()}${rng() < 0.5 ? `-${corpus.contentWord(rng)}` : ''}`;
}

/** One paper: position `position` of the day `dayIndex` (0 = newest), the same for a seed whatever N is. */
export function generatePaper(
  corpus: Corpus,
  dayIndex: number,
  position: number,
  perDay: number,
): GeneratedPaper {
  const rng = mulberry32(mixSeed(corpus.seed, dayIndex * perDay + position));
  const day = dayOfIndex(dayIndex);
  // arXiv-style ids, unique per month: YYMM.NNNNN from the day of the month and the position.
  const sequence = (Number(day.slice(8, 10)) - 1) * perDay + position + 1;
  const id = `${day.slice(2, 4)}${day.slice(5, 7)}.${String(sequence).padStart(5, '0')}`;

  const titleWords: string[] = [];
  const titleLength = fromPercentiles(rng, REAL_SHAPE.titleWords);
  for (let index = 0; index < titleLength; index++) {
    const word =
      rng() < 0.15 ? pick(rng, ['of', 'for', 'with', 'and', 'in', 'via']) : corpus.contentWord(rng);
    titleWords.push(index === 0 || word.length > 3 ? capitalise(word) : word);
  }
  if (rng() < 0.3) titleWords[0] = `${(titleWords[0] as string).toUpperCase()}:`;
  let title = titleWords.join(' ');
  if (rng() < TITLE_MATH_SHARE) title = insertTokens(rng, title, [mathSpan(rng)]);

  const repoUser = githubUser(corpus, rng);
  const repoName = `${capitalise(corpus.contentWord(rng))}-${capitalise(corpus.contentWord(rng))}`;
  const hasRepo = rng() < 0.45;
  const repoInAbstract = hasRepo ? rng() < 0.5 : rng() < 0.05;
  const repoUrl = `https://github.com/${repoUser}/${repoName}`;

  const abstractWords = fromPercentiles(rng, REAL_SHAPE.abstractWords);
  const closing = repoInAbstract ? ` Code is available at ${repoUrl}.` : '';
  let abstract = prose(corpus, rng, abstractWords - (repoInAbstract ? 4 : 0));
  if (rng() < MATH_SHARE) {
    const spans = Array.from({ length: randomInt(rng, 1, 3) }, () => mathSpan(rng));
    abstract = insertTokens(rng, abstract, spans);
  }
  abstract += closing;

  const authors = Array.from(
    { length: fromPercentiles(rng, REAL_SHAPE.authors) },
    () => `${pick(rng, corpus.firstNames)} ${pick(rng, corpus.surnames)}`,
  );
  const keywords = [
    ...new Set(
      Array.from({ length: randomInt(rng, 4, 10) }, () =>
        Array.from({ length: randomInt(rng, 1, 3) }, () => corpus.contentWord(rng)).join(' '),
      ),
    ),
  ];
  const publishedDay = dayOfIndex(dayIndex + randomInt(rng, 1, 6));
  const clock = () =>
    `${String(randomInt(rng, 0, 23)).padStart(2, '0')}:${String(randomInt(rng, 0, 59)).padStart(2, '0')}:${String(randomInt(rng, 0, 59)).padStart(2, '0')}`;
  const paper: GeneratedPaper = {
    id,
    day,
    title,
    authors,
    abstract,
    summary: prose(corpus, rng, randomInt(rng, 15, 30)),
    keywords,
    upvotes: Math.floor(Math.exp(rng() * 6)) - 1,
    publishedAt: `${publishedDay}T${clock()}.000Z`,
    submittedOnDailyAt: `${day}T${clock()}.${String(randomInt(rng, 0, 999)).padStart(3, '0')}Z`,
    numComments: randomInt(rng, 0, 4),
  };
  if (hasRepo) {
    paper.githubRepo = repoUrl;
    if (rng() < 0.8) paper.githubStars = Math.floor(Math.exp(rng() * 8)) - 1;
  }
  if (rng() < 0.2) paper.projectPage = `https://${repoUser}.github.io/${repoName}/`;
  if (rng() < 0.6) {
    const name = `${capitalise(corpus.contentWord(rng))} ${pick(rng, ['Lab', 'AI', 'Research', 'University'])}`;
    paper.organization = { _id: hex(rng, 24), name: name.replace(/ /g, '-'), fullname: name };
  }
  return paper;
}

/** The papers of one digest day. */
export function generateDay(corpus: Corpus, dayIndex: number, perDay: number): GeneratedPaper[] {
  return Array.from({ length: perDay }, (_, position) => generatePaper(corpus, dayIndex, position, perDay));
}

/** A paper as an item of the Hugging Face daily-papers API (`/api/daily_papers?date=…`). */
export function hfItem(paper: GeneratedPaper, rng: Rng): Record<string, unknown> {
  const submitter = {
    _id: hex(rng, 24),
    avatarUrl: `/avatars/${hex(rng, 32)}.svg`,
    isPro: false,
    fullname: paper.authors[0],
    user: (paper.authors[0] ?? 'user').toLowerCase().replace(/ /g, ''),
    type: 'user',
  };
  const inner: Record<string, unknown> = {
    id: paper.id,
    authors: paper.authors.map((name) => ({ _id: hex(rng, 24), name, hidden: false })),
    publishedAt: paper.publishedAt,
    submittedOnDailyAt: paper.submittedOnDailyAt,
    title: paper.title,
    submittedOnDailyBy: submitter,
    summary: paper.abstract,
    upvotes: paper.upvotes,
    discussionId: hex(rng, 24),
  };
  if (paper.projectPage) inner.projectPage = paper.projectPage;
  if (paper.githubRepo) {
    inner.githubRepo = paper.githubRepo;
    inner.githubRepoAddedBy = 'user';
  }
  inner.ai_summary = paper.summary;
  inner.ai_keywords = paper.keywords;
  if (paper.githubStars !== undefined) inner.githubStars = paper.githubStars;
  if (paper.organization) inner.organization = paper.organization;
  const item: Record<string, unknown> = {
    paper: inner,
    publishedAt: paper.publishedAt,
    title: paper.title,
    summary: paper.abstract,
    thumbnail: `https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/${paper.id}.png`,
    numComments: paper.numComments,
    submittedBy: { ...submitter, name: submitter.user, followerCount: randomInt(rng, 0, 500) },
  };
  if (paper.organization) item.organization = paper.organization;
  item.isAuthorParticipating = rng() < 0.3;
  return item;
}

/** One day's API response, as the JSON text the importer reads. */
export function hfDayJson(corpus: Corpus, dayIndex: number, perDay: number): string {
  const rng = mulberry32(mixSeed(corpus.seed ^ 0x5f3759df, dayIndex));
  return `${JSON.stringify(
    generateDay(corpus, dayIndex, perDay).map((paper) => hfItem(paper, rng)),
    null,
    2,
  )}\n`;
}

/** The file name of a day's dump, as a daily fetch would name it. */
export function dayFileName(day: string): string {
  return `hf-daily-papers-${day}.json`;
}

/**
 * Writes day files for day indices `from`…`to - 1` (0 = newest) into `dir`, oldest first; returns
 * their paths oldest first, as a digest grows.
 */
export function writeDayFiles(
  dir: string,
  corpus: Corpus,
  from: number,
  to: number,
  perDay: number,
): string[] {
  mkdirSync(dir, { recursive: true });
  const paths: string[] = [];
  for (let dayIndex = to - 1; dayIndex >= from; dayIndex--) {
    const path = join(dir, dayFileName(dayOfIndex(dayIndex)));
    writeFileSync(path, hfDayJson(corpus, dayIndex, perDay));
    paths.push(path);
  }
  return paths;
}
