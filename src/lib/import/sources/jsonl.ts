import type { ParseResult, Problem, RawRecord } from '../raw-record.ts';
import { describeValue, isPlainObject } from '../values.ts';

/**
 * Parser for JSON Lines of Paperboy's own record shape: one JSON object per line with the paper
 * schema's fields plus `abstract` (the body). `id` may be left out (derived from `arxiv` or the title),
 * `source` defaults to `jsonl`, `arxiv` may carry a version (`2401.01234v2`). Blank lines are skipped.
 */
export function parseJsonLines(source: string): ParseResult {
  const text = source.replace(/^\uFEFF/, '');
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.every((line) => line.trim() === '')) return { ok: false, message: 'the file is empty' };
  if (/^\s*\[/.test(text)) {
    return {
      ok: false,
      message: 'not JSON Lines: this is a JSON array (a Hugging Face response? use --format hf)',
    };
  }
  const records: RawRecord[] = [];
  const errors: Problem[] = [];
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const position = `line ${index + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      errors.push({ position, message: `not valid JSON: ${(error as Error).message}` });
    }
    if (value !== undefined && !isPlainObject(value)) {
      errors.push({ position, message: `expected an object, got ${describeValue(value)}` });
    }
    // A JSON Lines file starts with a record: anything else is another format, refused as a whole.
    if (records.length === 0 && errors.length > 0) {
      const first = errors[0] as Problem;
      return {
        ok: false,
        message: `not JSON Lines (one JSON object per line): ${first.position}: ${first.message}`,
      };
    }
    if (isPlainObject(value)) {
      const { abstract, ...fields } = value;
      records.push({ position, fields, abstract });
    }
  }
  return { ok: true, records, errors };
}
