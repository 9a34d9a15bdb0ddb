import { describe, expect, test } from 'vitest';
import { detectFormat } from './detect.ts';

describe('detectFormat', () => {
  test.each([
    ['[{"paper": {}}]', 'hf'],
    ['\uFEFF  [', 'hf'],
    ['<?xml version="1.0"?><feed/>', 'arxiv'],
    ['{"title": "x"}\n{"title": "y"}', 'jsonl'],
    ['{"title": "x", "data": {"a": 1}}', 'jsonl'],
    [
      '{\n  "status": "success",\n  "date": "2025-01-10",\n  "count": 1,\n  "data": ["{\'paper\': {}}"]\n}',
      'hf',
    ],
    ['Daily Papers\n\nJul 30\n\nTitle\n\nAbstract', 'text'],
    ['chrome\r\nJuly 30, 2026\r\n', 'text'],
  ])('%j → %s', (text, format) => {
    expect(detectFormat(text)).toEqual({ ok: true, format });
  });

  test.each([
    ['', 'the file is empty'],
    ['   \n\n', 'the file is empty'],
    ['just words', 'unknown format'],
  ])('%j is refused', (text, message) => {
    const result = detectFormat(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
  });
});
