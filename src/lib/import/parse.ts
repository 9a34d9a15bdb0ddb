import { parseTextDigest } from './parse-text.ts';
import type { ParseResult, SourceFormat } from './types.ts';

export interface ParseOptions {
  /** `--date`: the digest day, needed by text digests whose header has no year. */
  date?: string;
}

/** Parses a file's text with the parser of its format. Pure: no file system. */
export function parseSource(format: SourceFormat, text: string, options: ParseOptions = {}): ParseResult {
  switch (format) {
    case 'text':
      return parseTextDigest(text, options);
    default:
      return { ok: false, message: `the ${format} format is not supported yet` };
  }
}
