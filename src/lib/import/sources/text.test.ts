import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { HAS_SHARED, needsShared, readFixture, SHARED_DATA } from '../../../../tests/helpers.ts';
import { normaliseRecord } from '../normalise.ts';
import { parseDayHeader, parseTextDigest } from './text.ts';

describe('parseDayHeader', () => {
  test.each([
    ['Jul 30', { month: 7, day: 30 }],
    ['July 30', { month: 7, day: 30 }],
    ['Sept. 3', { month: 9, day: 3 }],
    ['Jul 30, 2026', { month: 7, day: 30, year: 2026 }],
    ['Dec 1 2025', { month: 12, day: 1, year: 2025 }],
  ])('%j', (line, expected) => {
    expect(parseDayHeader(line)).toEqual(expected);
  });

  test.each(['Daily Papers', 'Julius 3', 'Jul 32', 'May 2024', 'Pointer Networks', 'Jul'])(
    '%j is not a header',
    (line) => {
      expect(parseDayHeader(line)).toBeUndefined();
    },
  );
});

describe('parseTextDigest', () => {
  test('requires --date when the header has no year', () => {
    const result = parseTextDigest('Daily Papers\n\nJul 30\n\nTitle\n\nAbstract.\n');
    expect(result).toEqual({ ok: false, message: expect.stringContaining('pass --date') });
  });

  test('uses the year of the header when there is one, and --date overrides it', () => {
    const text = 'Jul 30, 2025\n\nTitle\n\nAbstract.';
    const own = parseTextDigest(text);
    const overridden = parseTextDigest(text, { date: '2026-07-30' });
    expect(own.ok && own.records[0]?.fields.day).toBe('2025-07-30');
    expect(overridden.ok && overridden.records[0]?.fields.day).toBe('2026-07-30');
  });

  test.each([
    ['', 'the file is empty'],
    ['  \n\n ', 'the file is empty'],
    ['just some text\n\nwith no header', 'not a text digest'],
    ['Jul 30\n\n', 'no papers after the day header'],
  ])('refuses %j', (text, message) => {
    const result = parseTextDigest(text, { date: '2026-07-30' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
  });

  test('tolerates CRLF, trailing spaces, extra blank lines, unknown chrome and no final newline', async () => {
    const result = parseTextDigest(await readFixture('text-digest-nasty.txt'), { date: '2026-08-02' });
    if (!result.ok) throw new Error(result.message);
    expect(result.records.map((record) => record.fields.title)).toEqual([
      'A Paper With Trailing Spaces',
      'Second: yes, null & <script>alert(1)</script>',
    ]);
    expect(result.records[0]?.abstract).toBe(
      'First abstract. Code is available at https://github.com/example/repo.',
    );
    expect(result.records[1]?.fields.links).toEqual({
      code: 'https://anonymous.4open.science/r/X-1/README.md',
      project: 'https://example.org/project-page',
    });
    expect(result.errors).toEqual([
      {
        position: 'line 20',
        field: 'abstract',
        message: expect.stringContaining('Orphan Title Without Abstract'),
      },
    ]);
    const second = normaliseRecord(result.records[1] as never, { source: 'text' });
    if (!second.ok) throw new Error(JSON.stringify(second.problems));
    expect(second.record.abstract).toBe(
      "We prove \\( x'(t) = Ax(t) + Bu(t) \\). Our code is available~https://anonymous.4open.science/r/X-1/README.md{here.} See also https://example.org/project-page, for details.",
    );
    expect(second.record.data.id).toBe('second-yes-null-script-alert-1-script');
  });

  test('a second day header switches the day', () => {
    const result = parseTextDigest('Jul 30, 2026\n\nA\n\nAbstract A.\n\nJul 29, 2026\n\nB\n\nAbstract B.\n');
    expect(result.ok && result.records.map((record) => [record.fields.title, record.fields.day])).toEqual([
      ['A', '2026-07-30'],
      ['B', '2026-07-29'],
    ]);
  });

  test('reports a paragraph where a title should be, and goes on', () => {
    const long = 'word '.repeat(150).trim();
    const result = parseTextDigest(`Jul 30\n\n${long}\n\nTitle\n\nAbstract.`, { date: '2026-07-30' });
    expect(result.ok && result.records.map((record) => record.fields.title)).toEqual(['Title']);
    expect(result.ok && result.errors[0]?.message).toContain('expected a title line');
  });
});

describe.skipIf(!HAS_SHARED)(needsShared('the shared Jul 30 digest'), () => {
  test('has 56 papers, all valid, titles and abstracts kept exactly', async () => {
    const text = await readFile(join(SHARED_DATA, 'daily-papers-jul-30.txt'), 'utf8');
    const result = parseTextDigest(text, { date: '2026-07-30' });
    if (!result.ok) throw new Error(result.message);
    expect(result.errors).toEqual([]);
    expect(result.records).toHaveLength(56);
    expect(result.records[0]?.fields.title).toBe(
      'Prot2Token: A Unified Framework for Protein Modeling via Next-Token Prediction',
    );
    const normalised = result.records.map((record) => normaliseRecord(record, { source: 'text' }));
    expect(normalised.every((entry) => entry.ok)).toBe(true);
    const ids = normalised.map((entry) => (entry.ok ? entry.record.data.id : ''));
    expect(new Set(ids).size).toBe(56);
    const lines = text.split('\n');
    for (const record of result.records) {
      expect(lines).toContain(record.fields.title);
      expect(lines).toContain(record.abstract);
    }
    const anonymous = result.records.find((record) => String(record.abstract).includes('{here.}'));
    expect(anonymous?.fields.links).toEqual({
      code: 'https://anonymous.4open.science/r/BIB-ICLR2023-Submission/README.md',
    });
  });
});
