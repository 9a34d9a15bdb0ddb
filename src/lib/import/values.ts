import { ISO_DAY } from '../model/day.ts';

/** Small readers of untyped source values, shared by the parsers and the normaliser. */

/** A JSON document's value, or why the text is none (a download cut short reads as malformed). */
export function parseJsonDocument(
  text: string,
): { ok: true; json: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, json: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: `not valid JSON (truncated or malformed?): ${(error as Error).message}` };
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * An archive's envelope around a list: `{"status": …, "date": …, "count": …, "data": [...]}`, how
 * archives of Hugging Face's daily papers keep a day.
 */
export function isListEnvelope(value: unknown): value is Record<string, unknown> & { data: unknown[] } {
  return isPlainObject(value) && Array.isArray(value.data);
}

/** Describes a JSON value's type for messages: `a string`, `an array`, `null`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value === undefined) return 'nothing';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/** The calendar-day part of an ISO timestamp or date, as written (no time-zone shifting). */
export function datePart(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  const day = text.slice(0, 10);
  const after = text.charAt(10);
  return ISO_DAY.test(day) && (after === '' || after === 'T' || after === ' ') ? day : undefined;
}
