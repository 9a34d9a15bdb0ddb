import { isPlainObject } from './normalise.ts';
import type { ParseResult, Problem, RawRecord } from './types.ts';
import { describeValue } from './types.ts';

/**
 * Parser for JSON Lines of Paperboy's own record shape: one JSON object per line with the paper
 * schema's fields plus `abstract` (the body). `id` may be left out (derived from `arxiv` or the title),
 * `source` defaults to `jsonl`, `arxiv` may carry a version (`2401.01234v2`). Blank lines are skipped.
 */
export function parseJsonLines(source: string): ParseResult {
  const lines = source.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  if (lines.every((line) => line.trim() === '')) return { ok: false, message: 'the file is empty' };
  const records: RawRecord[] = [];
  const errors: Problem[] = [];
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const position = `line ${index + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      errors.push({ position, message: `not valid JSON: ${(error as Error).message}` });
      return;
    }
    if (!isPlainObject(value)) {
      errors.push({ position, message: `expected an object, got ${describeValue(value)}` });
      return;
    }
    const { abstract, ...fields } = value;
    records.push({ position, fields, abstract });
  });
  if (records.length === 0) {
    const trimmed = source.trim();
    if (trimmed.startsWith('[')) {
      return {
        ok: false,
        message: 'not JSON Lines: this is a JSON array (a Hugging Face response? use --format hf)',
      };
    }
    const first = errors[0];
    return {
      ok: false,
      message: `not JSON Lines: no line is a JSON object${first ? ` (${first.position}: ${first.message})` : ''}`,
    };
  }
  return { ok: true, records, errors };
}
