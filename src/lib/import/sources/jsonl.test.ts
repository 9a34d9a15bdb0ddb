import { describe, expect, test } from 'vitest';
import { readFixture } from '../../../../tests/helpers.ts';
import { normaliseRecord } from '../normalise.ts';
import { formatProblem } from '../raw-record.ts';
import { parseJsonLines } from './jsonl.ts';

describe('parseJsonLines', () => {
  test('reads records, reports bad lines and invalid records with their field', async () => {
    const result = parseJsonLines(await readFixture('papers.jsonl'));
    if (!result.ok) throw new Error(result.message);
    expect(result.errors.map((problem) => formatProblem('papers.jsonl', problem))).toEqual([
      'papers.jsonl: line 5: expected an object, got an array',
      expect.stringMatching(/^papers\.jsonl: line 7: not valid JSON: /),
    ]);
    const outcomes = result.records.map((raw) => normaliseRecord(raw, { source: 'jsonl' }));
    const rejected = outcomes.flatMap((entry) => (entry.ok ? [] : entry.problems));
    expect(rejected.map((problem) => formatProblem('papers.jsonl', problem))).toEqual([
      'papers.jsonl: line 4 (bad-day): day: not a real calendar day',
      'papers.jsonl: line 6 (unknown-key): Unrecognized key: "colour"',
    ]);
    const kept = outcomes.flatMap((entry) => (entry.ok ? [entry.record] : []));
    expect(kept.map((record) => record.data.id)).toEqual(['a-hand-written-record', 'custom-id']);
    expect(kept[0]?.data).toMatchObject({
      authors: ['Me', 'You'],
      topics: ['language-tasks'],
      source: 'jsonl',
    });
    expect(kept[0]?.abstract).toBe('Scripted from my own source. With a wrapped line.');
    expect(kept[1]?.data).toMatchObject({ arxiv: '2402.00001', arxivVersion: 2, title: 'yes' });
    expect(kept[1]?.abstract).toBe('---\n\nA body whose first line is three dashes.\n\n---');
  });

  test('keeps a source the record names', () => {
    const result = parseJsonLines('{"title":"T","day":"2026-01-01","source":"hf","abstract":"A."}');
    if (!result.ok || !result.records[0]) throw new Error('no record');
    const entry = normaliseRecord(result.records[0], { source: 'jsonl' });
    expect(entry.ok && entry.record.data.source).toBe('hf');
  });

  test.each([
    ['', 'the file is empty'],
    ['[{"title": "x"}]', 'this is a JSON array'],
    [
      '{\n  "title": "pretty-printed"\n}',
      'not JSON Lines (one JSON object per line): line 1: not valid JSON',
    ],
    ['hello', 'line 1: not valid JSON'],
    ['"a string"\n{"title": "x"}', 'line 1: expected an object, got a string'],
  ])('refuses %j', (text, message) => {
    const result = parseJsonLines(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
  });
});
