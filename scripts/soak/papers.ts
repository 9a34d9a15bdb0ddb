/**
 * The soak's good data: simulated days of papers as Hugging Face's daily list and arXiv's query API
 * would serve them, deterministic for a seed. Pure functions; the server in `run.ts` answers with them.
 *
 * Each weekday has three papers only Hugging Face lists, and one arXiv paper submitted that day that
 * Hugging Face lists again on the next weekday, as it lists most papers a day or two after arXiv. Both
 * sources describe that paper with the same title, abstract and authors, so which of them a run hears
 * from last changes nothing: a difference between two stores is then a difference in what reached
 * them, which is what the soak looks for. Weekends are empty on both.
 */
import { addDays } from '../../src/lib/model/day.ts';
import { mixSeed, mulberry32, pick, type Rng } from '../bench/generate.ts';

export interface SoakPaper {
  arxiv: string;
  title: string;
  abstract: string;
  authors: string[];
  keywords: string[];
  upvotes: number;
  /** The day arXiv has it submitted on. */
  submitted: string;
  /** The day Hugging Face lists it on, if it does. */
  hfDay?: string;
  /** The day arXiv's API has it, if it does. */
  arxivDay?: string;
}

const SUBJECTS = [
  ['Sparse Attention', 'attention', 'long context'],
  ['Diffusion Transformers', 'diffusion', 'image generation'],
  ['Tool-Using Agents', 'agents', 'tool use'],
  ['Speculative Decoding', 'inference', 'decoding'],
  ['Reward Models', 'reinforcement learning', 'alignment'],
  ['Retrieval-Augmented Generation', 'retrieval', 'question answering'],
  ['Video Generation', 'video', 'diffusion'],
  ['Protein Language Models', 'proteins', 'biology'],
  ['Speech Recognition', 'speech', 'audio'],
  ['Vision-Language Models', 'multimodal', 'vision'],
  ['Mixture of Experts', 'efficiency', 'scaling'],
  ['Code Generation', 'code', 'programming'],
] as const;

const FRAMES = [
  'Scaling {s} to Longer Horizons',
  'A Benchmark for {s}',
  'Revisiting {s} with Fewer Parameters',
  'Efficient {s} on Commodity Hardware',
  'When Does {s} Fail? An Empirical Study',
  '{s} Without Labels',
];

const NAMES = ['Ada', 'Alan', 'Grace', 'Edsger', 'Barbara', 'Donald', 'Frances', 'John', 'Margaret', 'Ken'];
const SURNAMES = [
  'Lovelace',
  'Turing',
  'Hopper',
  'Dijkstra',
  'Liskov',
  'Knuth',
  'Allen',
  'Backus',
  'Hamilton',
];

function isWeekend(day: string): boolean {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** The next weekday after `day`. */
function nextWeekday(day: string): string {
  let next = addDays(day, 1);
  while (isWeekend(next)) next = addDays(next, 1);
  return next;
}

/** `2608.00123`: an arXiv id in the month of `day`, numbered `n`. */
function arxivId(day: string, n: number): string {
  return `${day.slice(2, 4)}${day.slice(5, 7)}.${String(n).padStart(5, '0')}`;
}

function paper(rng: Rng, arxiv: string, submitted: string): SoakPaper {
  const [subject, first, second] = pick(rng, SUBJECTS);
  const title = `${pick(rng, FRAMES).replace('{s}', subject)} (${arxiv})`;
  const authors = Array.from(
    { length: 1 + Math.floor(rng() * 4) },
    () => `${pick(rng, NAMES)} ${pick(rng, SURNAMES)}`,
  );
  return {
    arxiv,
    title,
    abstract: `We study ${subject.toLowerCase()} for ${first} and ${second}. Our method improves on strong baselines by ${1 + Math.floor(rng() * 30)} points. Code: https://github.com/soak/${arxiv.replace('.', '-')}`,
    authors: [...new Set(authors)],
    keywords: [first, second],
    upvotes: Math.floor(rng() * 80),
    submitted,
  };
}

/** Every paper of the simulated `days` (consecutive, from the first). */
export function soakPapers(days: readonly string[], seed = 1): SoakPaper[] {
  const papers: SoakPaper[] = [];
  days.forEach((day, index) => {
    if (isWeekend(day)) return;
    const rng = mulberry32(mixSeed(seed, index));
    const number = (n: number) => arxivId(day, (index + 1) * 10 + n);
    for (let n = 1; n <= 3; n++) papers.push({ ...paper(rng, number(n), addDays(day, -2)), hfDay: day });
    papers.push({ ...paper(rng, number(4), day), arxivDay: day, hfDay: nextWeekday(day) });
  });
  return papers;
}

/** Hugging Face's answer for one day's list: the papers it lists that day, in its item shape. */
export function hfItems(papers: readonly SoakPaper[]): unknown[] {
  return papers.map((p) => {
    const fields = {
      title: p.title,
      summary: p.abstract,
      publishedAt: `${p.submitted}T17:59:58.000Z`,
    };
    return {
      paper: {
        id: p.arxiv,
        authors: p.authors.map((name, n) => ({ _id: `${p.arxiv}-a${n}`, name, hidden: false })),
        submittedOnDailyAt: `${p.hfDay}T01:12:00.000Z`,
        upvotes: p.upvotes,
        ai_keywords: p.keywords,
        ...fields,
      },
      numComments: 0,
      ...fields,
    };
  });
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** One arXiv entry; `published` overrides the submission timestamp (a fault's wrong date). */
export function arxivEntry(p: SoakPaper, published = `${p.submitted}T00:30:00Z`): string {
  return `<entry>
    <id>http://arxiv.org/abs/${p.arxiv}v1</id>
    <title>${escapeXml(p.title)}</title>
    <updated>${published}</updated>
    <published>${published}</published>
    <summary>${escapeXml(p.abstract)}</summary>
    ${p.authors.map((name) => `<author><name>${escapeXml(name)}</name></author>`).join('')}
    <link href="https://arxiv.org/abs/${p.arxiv}v1"/>
    <category term="cs.CL" scheme="http://arxiv.org/schemas/atom"/>
    <arxiv:primary_category term="cs.CL"/>
  </entry>`;
}

/** A page of arXiv's Atom answer: `entries` from `start` of `total` results. */
export function arxivFeed(entries: readonly string[], start: number, total: number): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom">
  <id>https://arxiv.org/api/soak</id>
  <title>arXiv Query</title>
  <updated>2026-01-01T00:00:00Z</updated>
  <opensearch:totalResults>${total}</opensearch:totalResults>
  <opensearch:startIndex>${start}</opensearch:startIndex>
  <opensearch:itemsPerPage>${entries.length}</opensearch:itemsPerPage>
  ${entries.join('\n  ')}
</feed>`;
}

/** The days an arXiv query asks for: `submittedDate:[YYYYMMDDHHMM TO YYYYMMDDHHMM]`. */
export function arxivWindow(searchQuery: string): { from: string; to: string } | undefined {
  const match = /submittedDate:\[(\d{8})\d{4} TO (\d{8})\d{4}\]/.exec(searchQuery);
  if (!match) return undefined;
  const day = (compact: string) => `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6, 8)}`;
  return { from: day(match[1] as string), to: day(match[2] as string) };
}
