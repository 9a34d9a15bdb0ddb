/**
 * Related papers by tf-idf, computed once per build for the whole collection, the way arxiv-sanity
 * does, but without comparing every pair of papers.
 *
 * 1. Each paper becomes a tf-idf vector over its title, keywords and abstract (sublinear tf,
 *    idf = ln(N / df)), without the terms no other paper has, cut to its `TERMS_PER_PAPER` heaviest
 *    terms and normalised to unit length.
 * 2. An inverted index maps each term to the papers that have it among their heaviest terms, keeping
 *    for each term only the `POSTINGS_PER_TERM` papers where it weighs most.
 * 3. A paper's candidates are the papers in the postings of its own terms; each is scored by the dot
 *    product of the two cut vectors (the cosine of the truncated vectors), and the best `count` win.
 *
 * Cost, for N papers of at most L words: O(N·L) to count terms, O(N·K log K) to cut vectors,
 * O(V·P log P) to cut the postings of V terms, and O(N·K·P) to score candidates, with K and P the
 * constants above: linear in N, never all pairs. Ties break on the paper id, so the result depends
 * only on the papers, not on their order.
 */

export interface RelatedInput {
  id: string;
  /** Title, keywords and abstract as plain text. */
  text: string;
}

const TERMS_PER_PAPER = 10;
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

/** The `count` papers most similar to each paper, most similar first; every paper has an entry. */
export function relatedPapers(papers: readonly RelatedInput[], count = 5): Map<string, string[]> {
  // Sorting by id makes positions, and so every tie-break, independent of the input order.
  const sorted = [...papers].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const termIds = new Map<string, number>();
  let documentFrequency = new Uint32Array(1024);
  let frequency = new Uint32Array(1024);
  // Per paper, its distinct terms and how often each occurs, counted in one reused array and kept in
  // typed arrays: 100,000 papers of ~150 distinct terms would otherwise be 15 million small arrays.
  const counts = sorted.map((paper) => {
    const seen: number[] = [];
    for (const word of terms(paper.text)) {
      let id = termIds.get(word);
      if (id === undefined) {
        id = termIds.size;
        termIds.set(word, id);
        if (id === frequency.length) {
          frequency = grow(frequency);
          documentFrequency = grow(documentFrequency);
        }
      }
      if (frequency[id] === 0) seen.push(id);
      frequency[id] = (frequency[id] ?? 0) + 1;
    }
    const ids = Uint32Array.from(seen);
    const times = new Uint32Array(ids.length);
    ids.forEach((id, index) => {
      times[index] = frequency[id] ?? 0;
      frequency[id] = 0;
      documentFrequency[id] = (documentFrequency[id] ?? 0) + 1;
    });
    return { ids, times };
  });

  const total = sorted.length;
  const vectors = counts.map(({ ids, times }) => {
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
    // bounded: at most TERMS_PER_PAPER weights.
    const norm = Math.hypot(...top.map((entry) => entry.weight)) || 1;
    return top.map((entry) => ({ term: entry.term, weight: entry.weight / norm }));
  });
  // Released before the next steps allocate theirs; only the cut vectors are needed from here on.
  counts.length = 0;

  const postings = new Map<number, { paper: number; weight: number }[]>();
  vectors.forEach((vector, paper) => {
    for (const { term, weight } of vector) {
      const list = postings.get(term);
      if (list) list.push({ paper, weight });
      else postings.set(term, [{ paper, weight }]);
    }
  });
  // Cut, and packed into typed arrays: scoring reads them a hundred million times at 100,000 papers.
  const packed = new Map<number, { papers: Uint32Array; weights: Float64Array }>();
  for (const [term, list] of postings) {
    if (list.length > POSTINGS_PER_TERM) list.sort((a, b) => b.weight - a.weight || a.paper - b.paper);
    const kept = list.slice(0, POSTINGS_PER_TERM);
    packed.set(term, {
      papers: Uint32Array.from(kept, (posting) => posting.paper),
      weights: Float64Array.from(kept, (posting) => posting.weight),
    });
  }
  postings.clear();

  const scores = new Float64Array(total);
  const related = new Map<string, string[]>();
  vectors.forEach((vector, paper) => {
    const touched: number[] = [];
    for (const { term, weight } of vector) {
      const { papers: others, weights } = packed.get(term) as { papers: Uint32Array; weights: Float64Array };
      others.forEach((other, index) => {
        if (other === paper) return;
        if (scores[other] === 0) touched.push(other);
        scores[other] = (scores[other] ?? 0) + weight * (weights[index] ?? 0);
      });
    }
    const best = topScores(touched, scores, count);
    for (const candidate of touched) scores[candidate] = 0;
    related.set(
      (sorted[paper] as RelatedInput).id,
      best.map(({ candidate }) => (sorted[candidate] as RelatedInput).id),
    );
  });
  return related;
}

function grow(array: Uint32Array): Uint32Array<ArrayBuffer> {
  const larger = new Uint32Array(array.length * 2);
  larger.set(array);
  return larger;
}

/** The `count` candidates with the highest scores (ties: lower position first), in O(candidates · count). */
function topScores(candidates: readonly number[], scores: Float64Array, count: number) {
  const best: { candidate: number; score: number }[] = [];
  for (const candidate of candidates) {
    const score = scores[candidate] ?? 0;
    const beats = (entry: { candidate: number; score: number }) =>
      score > entry.score || (score === entry.score && candidate < entry.candidate);
    if (best.length === count && !beats(best[count - 1] as (typeof best)[number])) continue;
    let at = best.length;
    while (at > 0 && beats(best[at - 1] as (typeof best)[number])) at -= 1;
    best.splice(at, 0, { candidate, score });
    if (best.length > count) best.pop();
  }
  return best;
}
