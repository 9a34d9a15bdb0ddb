import { describe, expect, test } from 'vitest';
import { normaliseRecord, unwrapLine, unwrapParagraphs } from './normalise.ts';

describe('unwrapping', () => {
  test.each([
    ['A title\n  that wraps', 'A title that wraps'],
    ['  padded  ', 'padded'],
    ['crlf\r\nline', 'crlf line'],
    ['keeps  inner  spaces', 'keeps  inner  spaces'],
    ['tab\tkept', 'tab\tkept'],
  ])('unwrapLine(%j) → %j', (text, expected) => {
    expect(unwrapLine(text)).toBe(expected);
  });

  test.each([
    ['  one\nparagraph\n', 'one paragraph'],
    ['one\n\ntwo\n  \n\nthree', 'one\n\ntwo\n\nthree'],
    ["\\( x'(t) = Ax(t) \\)\n+ Bu(t)", "\\( x'(t) = Ax(t) \\) + Bu(t)"],
  ])('unwrapParagraphs(%j) → %j', (text, expected) => {
    expect(unwrapParagraphs(text)).toBe(expected);
  });
});

describe('normaliseRecord', () => {
  const base = { title: 'A Title', day: '2026-07-30' };

  test('derives the id from the title slug when there is no arXiv id', () => {
    const result = normaliseRecord({ position: 'line 1', fields: base, abstract: 'A.' }, { source: 'text' });
    expect(result.ok && result.record.data.id).toBe('a-title');
  });

  test('--date overrides the source day', () => {
    const result = normaliseRecord(
      { position: 'line 1', fields: base, abstract: 'A.' },
      { source: 'text', date: '2026-08-01' },
    );
    expect(result.ok && result.record.data.day).toBe('2026-08-01');
  });

  test('removes control characters with a warning, keeps everything else', () => {
    const result = normaliseRecord(
      {
        position: 'item 1',
        fields: { ...base, title: 'Bell\u0007 <b>&amp;</b>' },
        abstract: 'Nul\u0000 here\ttab',
      },
      { source: 'hf' },
    );
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.record.data.title).toBe('Bell <b>&amp;</b>');
    expect(result.record.abstract).toBe('Nul here\ttab');
    expect(result.warnings.map((warning) => warning.field)).toEqual(['title', 'abstract']);
  });

  test.each([
    [{ ...base, title: '   ' }, 'A.', 'title', 'must not be empty'],
    [base, '  ', 'abstract', 'must not be empty'],
    [base, undefined, 'abstract', 'missing'],
    [base, 42, 'abstract', 'expected a string'],
    [{ ...base, arxiv: 'nope' }, 'A.', 'arxiv', 'expected an arXiv id, got "nope"'],
    [{ ...base, day: '2026-13-01' }, 'A.', 'day', 'not a real calendar day'],
    [{ ...base, day: '30 Jul' }, 'A.', 'day', 'expected a day as YYYY-MM-DD'],
    [{ ...base, authors: ['ok', 3] }, 'A.', 'authors.1', 'expected string'],
    [{ title: 'No day' }, 'A.', 'day', ''],
  ])('rejects %j / %j with field %s', (fields, abstract, field, message) => {
    const result = normaliseRecord({ position: 'item 7', fields, abstract }, { source: 'jsonl' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems).toContainEqual(
        expect.objectContaining({ position: 'item 7', field, message: expect.stringContaining(message) }),
      );
    }
  });
});
