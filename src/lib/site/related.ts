/**
 * Related papers by tf-idf, the way arxiv-sanity does, without comparing every pair of papers, and
 * stable as the digest grows: a paper's list is a pure function of the papers up to its own day and of
 * the later papers that found it, so a new day changes an old page only when one of its papers is
 * among that page's most related. (Weighting every paper by the idf of the whole collection moved the
 * lists of a fifth of the papers a day, by weight drift alone: same papers, another order.)
 *
 * The papers are taken day by day, oldest first (the oldest days together, until `WARM_UP` papers).
 * For each day:
 * 1. Each of its papers becomes a tf-idf vector over its title, keywords and abstract (sublinear tf,
 *    idf = ln(N / df) over the N papers up to that day), without the terms no other paper has yet, cut
 *    to its `TERMS_PER_PAPER` heaviest terms and normalised to unit length. The vector never changes
 *    afterwards.
 * 2. The day's vectors join an inverted index that keeps, for each term, the `POSTINGS_PER_TERM`
 *    papers so far where it weighs most.
 * 3. Each paper of the day scores the papers in the postings of its own terms (the dot product of the
 *    two cut vectors). It keeps its best `count`; each earlier paper it scored is offered it too, and
 *    keeps it if it beats that paper's worst. So a list holds the most similar earlier, same-day and
 *    later papers, each pair scored once, by the later paper's vector.
 *
 * Cost, for N papers of at most L words: O(N·L) to count terms, O(N·K log K) to cut vectors,
 * O(N·K·P) to keep the postings and to score candidates, with K and P the constants above: linear in
 * N, never all pairs. Ties break on the day, then on the paper id, so the result depends only on the
 * papers, not on their order.
 */

export interface RelatedInput {
  id: string;
  /** The digest day, `YYYY-MM-DD`: what came before a paper is what its weights and list may use. */
  day: string;
  /** Title, keywords and abstract as plain text. */
  text: string;
}

const TERMS_PER_PAPER = 10;
/**
 * The oldest days are taken as one step until they hold this many papers: an idf over a first day of
 * ten papers would weigh terms by chance, and their vectors never change afterwards. Until a
 * collection has this many papers, it is one step, and every new day moves the lists as before.
 */
const WARM_UP = 1000;
const POSTINGS_PER_TERM = 100;
const MIN_TERM_LENGTH = 3;

/** Words too common in abstracts to say what a paper is about (idf weighs down the rest). */
const STOP_WORDS = new Set(
  `about above after again against also among and any are based been before being below between both but
  can could did does doing down during each either few for from further had has have having here how into
  its itself just more most much new not now off once only other our ours out over own same should since
  some such than that the their theirs them then there these they this those through thus too under until
  upon using very was were what when where which while who whom why will with within without would you
  your paper papers propose proposed proposes present presents show shows shown approach method methods
  result results work works use used uses via well however study demonstrate demonstrates achieve
  achieves across one two three first second furthermore moreover may many often`.split(/\s+/),
);

/**
 * What a paper is compared by: its title, keywords and abstract, from the raw Markdown with the parts
 * that say nothing about its subject cut out (URLs, TeX commands), so nothing needs rendering first.
 */
export function relatedText(title: string, keywords: readonly string[], abstract: string): string {
  return [title, ...keywords, abstract].join('\n').replace(/https?:\/\/\S+|\\[a-zA-Z]+/g, ' ');
}

/** Lower-cased words of letters and digits, without stop words and very short words. */
export function terms(text: string): string[] {
  const words: string[] = [];
  for (const match of text.toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)) {
    const word = match[0];
    if (word.length >= MIN_TERM_LENGTH && !STOP_WORDS.has(word) && !/^\d+$/.test(word)) words.push(word);
  }
  return words;
}

interface WeightedTerm {
  term: number;
  weight: number;
}

/** Sorts by weight, heaviest first, then by term number, so equal weights keep one order. */
const byWeight = (a: WeightedTerm, b: WeightedTerm) => b.weight - a.weight || a.term - b.term;

/** Papers in (day, id) order: every position, and so every tie-break, is independent of the input order. */
const byDayAndId = (a: RelatedInput, b: RelatedInput) =>
  a.day < b.day ? -1 : a.day > b.day ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

interface Scored {
  position: number;
  score: number;
}

/**
 * Offers a candidate to a best-first list of at most `size`: it is kept when it beats the worst, by
 * score and then by lower position. A fixed total order, so what a list keeps does not depend on the
 * order of the offers.
 */
function offer(best: Scored[], size: number, position: number, score: number): void {
  let at = best.length;
  while (at > 0) {
    const entry = best[at - 1] as Scored;
    if (score < entry.score || (score === entry.score && position > entry.position)) break;
    at -= 1;
  }
  if (at >= size) return;
  best.splice(at, 0, { position, score });
  if (best.length > size) best.pop();
}

/** The `count` papers most similar to each paper, most similar first; every paper has an entry. */
export function relatedPapers(papers: readonly RelatedInput[], count = 5): Map<string, string[]> {
  const sorted = [...papers].sort(byDayAndId);
  const termIds = new Map<string, number>();
  let documentFrequency = new Uint32Array(1024);
  let frequency = new Uint32Array(1024);
  /** Per term, the papers where it weighs most so far (positions and weights, unordered). */
  const postings = new Map<number, Postings>();
  const best = sorted.map((): Scored[] => []);
  const scores = new Float64Array(sorted.length);
  let seen = 0;

  for (let start = 0; start < sorted.length; ) {
    // One day at a time; the first step takes whole days until it has `WARM_UP` papers.
    let end = start;
    do {
      const day = (sorted[end] as RelatedInput).day;
      while (end < sorted.length && (sorted[end] as RelatedInput).day === day) end += 1;
    } while (start === 0 && end < WARM_UP && end < sorted.length);

    // 1. Count the day's terms, then add them to the document frequencies up to this day.
    const counts: { ids: Uint32Array; times: Uint32Array }[] = [];
    for (let position = start; position < end; position++) {
      const distinct: number[] = [];
      for (const word of terms((sorted[position] as RelatedInput).text)) {
        let id = termIds.get(word);
        if (id === undefined) {
          id = termIds.size;
          termIds.set(word, id);
          if (id === frequency.length) {
            frequency = grow(frequency);
            documentFrequency = grow(documentFrequency);
          }
        }
        if (frequency[id] === 0) distinct.push(id);
        frequency[id] = (frequency[id] ?? 0) + 1;
      }
      const ids = Uint32Array.from(distinct);
      const times = new Uint32Array(ids.length);
      ids.forEach((id, index) => {
        times[index] = frequency[id] ?? 0;
        frequency[id] = 0;
        documentFrequency[id] = (documentFrequency[id] ?? 0) + 1;
      });
      counts.push({ ids, times });
    }
    seen = end;

    // 2. The day's vectors, weighted by the idf over the papers up to this day, join the postings.
    const vectors = counts.map(({ ids, times }) => cutVector(ids, times, documentFrequency, seen));
    vectors.forEach((vector, index) => {
      for (const { term, weight } of vector) post(postings, term, start + index, weight);
    });

    // 3. Each paper of the day scores the papers so far; earlier papers are offered it in return.
    const touched: number[] = [];
    vectors.forEach((vector, index) => {
      const paper = start + index;
      for (const { term, weight } of vector) {
        const list = postings.get(term) as Postings;
        for (let at = 0; at < list.length; at++) {
          const other = list.papers[at] as number;
          if (other === paper) continue;
          if (scores[other] === 0) touched.push(other);
          scores[other] = (scores[other] as number) + weight * (list.weights[at] as number);
        }
      }
      for (const other of touched) {
        const score = scores[other] as number;
        scores[other] = 0;
        offer(best[paper] as Scored[], count, other, score);
        if (other < start) offer(best[other] as Scored[], count, paper, score);
      }
      touched.length = 0;
    });
    start = end;
  }

  return new Map(
    sorted.map((paper, position) => [
      paper.id,
      (best[position] as Scored[]).map((entry) => (sorted[entry.position] as RelatedInput).id),
    ]),
  );
}

/**
 * A paper's vector: sublinear tf times idf over the `total` papers so far, without the terms no other
 * paper has yet, cut to its heaviest `TERMS_PER_PAPER` terms, unit length.
 */
function cutVector(ids: Uint32Array, times: Uint32Array, documentFrequency: Uint32Array, total: number) {
  const weighted: WeightedTerm[] = [];
  ids.forEach((term, index) => {
    const papersWithTerm = documentFrequency[term] ?? total;
    const idf = Math.log(total / papersWithTerm);
    // A word every paper has says nothing about any of them; a word only this paper has links it to
    // no other, and, weighing most of all, it would crowd the shared words out of the cut vector.
    if (idf > 0 && papersWithTerm > 1)
      weighted.push({ term, weight: (1 + Math.log(times[index] ?? 1)) * idf });
  });
  const top = weighted.sort(byWeight).slice(0, TERMS_PER_PAPER);
  const norm = Math.sqrt(top.reduce((sum, entry) => sum + entry.weight * entry.weight, 0)) || 1;
  return top.map((entry) => ({ term: entry.term, weight: entry.weight / norm }));
}

/** A term's postings: at most `POSTINGS_PER_TERM` papers, in typed arrays (read a hundred million times at 100,000 papers). */
interface Postings {
  papers: Uint32Array;
  weights: Float64Array;
  length: number;
}

/**
 * Adds a paper to a term's postings, which keep the `POSTINGS_PER_TERM` papers where the term weighs
 * most (then the earlier ones): exactly the best of all papers added so far, whatever their order.
 */
function post(postings: Map<number, Postings>, term: number, paper: number, weight: number): void {
  let list = postings.get(term);
  if (!list) {
    list = {
      papers: new Uint32Array(POSTINGS_PER_TERM),
      weights: new Float64Array(POSTINGS_PER_TERM),
      length: 0,
    };
    postings.set(term, list);
  }
  const { papers, weights } = list;
  if (list.length < POSTINGS_PER_TERM) {
    papers[list.length] = paper;
    weights[list.length] = weight;
    list.length += 1;
    return;
  }
  // The weakest kept: lowest weight, then the later paper.
  let weakest = 0;
  for (let at = 1; at < POSTINGS_PER_TERM; at++) {
    const w = weights[at] as number;
    const least = weights[weakest] as number;
    if (w < least || (w === least && (papers[at] as number) > (papers[weakest] as number))) weakest = at;
  }
  const least = weights[weakest] as number;
  if (weight > least || (weight === least && paper < (papers[weakest] as number))) {
    papers[weakest] = paper;
    weights[weakest] = weight;
  }
}

function grow(array: Uint32Array): Uint32Array<ArrayBuffer> {
  const larger = new Uint32Array(array.length * 2);
  larger.set(array);
  return larger;
}
