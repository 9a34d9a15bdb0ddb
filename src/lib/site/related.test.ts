import { describe, expect, test } from 'vitest';
import { type RelatedInput, relatedPapers, relatedText, terms } from './related.ts';

/** A seeded pseudo-random generator (mulberry32), so the synthetic collections are the same every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The day `index` days after 2026-01-01. */
const dayOf = (index: number) => new Date(Date.UTC(2026, 0, 1 + index)).toISOString().slice(0, 10);

/** Papers of Zipf-distributed made-up words over a vocabulary of `vocabulary` words, `perDay` a day. */
function syntheticPapers(count: number, vocabulary: number, seed = 1, perDay = 50): RelatedInput[] {
  const next = random(seed);
  const words = Array.from({ length: vocabulary }, (_, index) => `w${index.toString(36)}x`);
  const cumulative: number[] = [];
  for (let rank = 1; rank <= vocabulary; rank++) cumulative.push((cumulative.at(-1) ?? 0) + 1 / rank);
  const zipf = () => {
    const target = next() * (cumulative.at(-1) as number);
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((cumulative[middle] as number) < target) low = middle + 1;
      else high = middle;
    }
    return words[low] as string;
  };
  return Array.from({ length: count }, (_, index) => ({
    id: `p${String(index).padStart(6, '0')}`,
    day: dayOf(Math.floor(index / perDay)),
    text: Array.from({ length: 60 }, zipf).join(' '),
  }));
}

describe('terms', () => {
  test('lower-cases words and drops stop words, numbers and short words', () => {
    expect(terms('We propose a Transformer for RNA-seq in 2026, with 3 of 12 GPUs.')).toEqual([
      'transformer',
      'rna',
      'seq',
      'gpus',
    ]);
  });

  test('keeps letters of any script', () => {
    expect(terms('Análisis de señales — 信号处理')).toEqual(['análisis', 'señales', '信号处理']);
  });
});

test('relatedText: title, keywords and abstract without URLs and TeX commands', () => {
  const text = relatedText(
    'Sparse $\\mathcal{O}(n)$ attention',
    ['long context'],
    'See [code](https://github.com/a/b).',
  );
  expect(terms(text)).toEqual(['sparse', 'attention', 'long', 'context', 'see', 'code']);
});

describe('relatedPapers', () => {
  const day = '2026-07-30';
  const papers: RelatedInput[] = [
    { id: 'protein-a', day, text: 'Protein folding with language models of amino acid sequences' },
    { id: 'protein-b', day, text: 'Amino acid sequences and protein folding: a language model view' },
    { id: 'speech', day, text: 'Streaming speech recognition with transducers on device' },
    { id: 'speech-2', day, text: 'On-device speech recognition: streaming transducers revisited' },
    { id: 'graphs', day, text: 'Graph neural networks for molecule property prediction' },
  ];

  test('finds the paper about the same thing first, and never the paper itself', () => {
    const related = relatedPapers(papers, 2);
    expect(related.get('protein-a')?.[0]).toBe('protein-b');
    expect(related.get('speech-2')?.[0]).toBe('speech');
    for (const [id, list] of related) expect(list).not.toContain(id);
  });

  test('words no other paper has do not crowd out the shared ones', () => {
    const rare = Array.from({ length: 15 }, (_, index) => `unique${String.fromCharCode(97 + index)}word`);
    const related = relatedPapers([
      ...papers,
      { id: 'rare', day, text: `${rare.join(' ')} ribosome` },
      { id: 'ribosome', day, text: 'Ribosome profiling at scale' },
    ]);
    expect(related.get('rare')).toEqual(['ribosome']);
  });

  test('lists only papers that share a meaningful word', () => {
    expect(relatedPapers(papers).get('graphs')).toEqual([]);
  });

  test('does not depend on the order of the input', () => {
    const forward = relatedPapers(papers);
    const backward = relatedPapers([...papers].reverse());
    expect([...backward.entries()].sort()).toEqual([...forward.entries()].sort());
    const days = syntheticPapers(3000, 5000, 7);
    expect([...relatedPapers([...days].reverse()).entries()].sort()).toEqual(
      [...relatedPapers(days).entries()].sort(),
    );
  }, 120_000);

  test('a later paper joins an earlier one’s list, and an earlier paper a later one’s', () => {
    const related = relatedPapers([
      { id: 'older', day: '2026-07-01', text: 'Ribosome profiling of translation in yeast cells' },
      { id: 'newer', day: '2026-07-30', text: 'Ribosome profiling reveals translation control in yeast' },
      { id: 'other', day: '2026-07-15', text: 'Graph neural networks for molecules' },
    ]);
    expect(related.get('older')).toEqual(['newer']);
    expect(related.get('newer')).toEqual(['older']);
  });

  test('a new day changes an old list only by letting one of its papers in, and changes few lists', () => {
    // 60 days of 50 papers (past the warm-up), then one more day.
    const collection = syntheticPapers(3050, 8000, 3);
    const old = collection.slice(0, 3000);
    const oldIds = new Set(old.map((paper) => paper.id));
    const before = relatedPapers(old);
    const after = relatedPapers(collection);
    let changed = 0;
    for (const [id, list] of before) {
      const now = after.get(id) ?? [];
      const kept = now.filter((other) => oldIds.has(other));
      // The old papers keep their order; a new paper only pushes the last ones out.
      expect(kept, id).toEqual(list.slice(0, kept.length));
      if (kept.length < now.length) changed++;
      else expect(now, id).toEqual(list);
    }
    console.info(`one new day of 50 papers changed ${changed} of 3,000 related lists`);
    expect(changed).toBeLessThan(300);
  }, 120_000);

  test('a 100,000-paper collection finishes, with at most 5 related papers each', () => {
    const collection = syntheticPapers(100_000, 40_000);
    const started = performance.now();
    const related = relatedPapers(collection);
    console.info(`related papers for 100,000 papers: ${Math.round(performance.now() - started)} ms`);
    expect(related.size).toBe(100_000);
    for (const [id, list] of related) {
      expect(list.length).toBeLessThanOrEqual(5);
      expect(list).not.toContain(id);
    }
  }, 300_000);
});
