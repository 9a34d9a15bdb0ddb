import type { SourceFormat } from '../model/paper.ts';
import { parseDayHeader } from './sources/text.ts';
import { isListEnvelope } from './values.ts';

export type Detection = { ok: true; format: SourceFormat } | { ok: false; message: string };

/**
 * Whether a file that starts with `{` is one JSON document, an archive's envelope around a list, rather
 * than JSON Lines. Parsing JSON Lines as one document fails at its second line, so this costs little on
 * a long file.
 */
function isEnvelopeFile(content: string): boolean {
  try {
    return isListEnvelope(JSON.parse(content));
  } catch {
    return false;
  }
}

/** Detects a file's format from its content alone. */
export function detectFormat(text: string): Detection {
  const content = text.replace(/^\uFEFF/, '').trimStart();
  if (content === '') return { ok: false, message: 'the file is empty' };
  if (content.startsWith('<')) return { ok: true, format: 'arxiv' };
  if (content.startsWith('[')) return { ok: true, format: 'hf' };
  if (content.startsWith('{')) return { ok: true, format: isEnvelopeFile(content) ? 'hf' : 'jsonl' };
  if (content.split(/\r\n|\r|\n/).some((line) => parseDayHeader(line) !== undefined))
    return { ok: true, format: 'text' };
  return {
    ok: false,
    message:
      'unknown format: not JSON (Hugging Face or JSON Lines), not Atom XML (arXiv), and no day header like "Jul 30" (text digest); pass --format',
  };
}
