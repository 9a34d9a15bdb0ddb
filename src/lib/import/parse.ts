import type { SourceFormat } from '../model/paper.ts';
import type { ParseResult } from './raw-record.ts';
import { parseArxivAtom } from './sources/arxiv.ts';
import { parseHfDailyPapers } from './sources/hf.ts';
import { parseJsonLines } from './sources/jsonl.ts';
import { parseTextDigest } from './sources/text.ts';

export interface ParseOptions {
  /** `--date`: the digest day (text digests without a year need it; it overrides the source's day). */
  date?: string;
}

/** Parses a file's text with the parser of its format. Pure: no file system. */
export function parseSource(format: SourceFormat, text: string, options: ParseOptions = {}): ParseResult {
  switch (format) {
    case 'text':
      return parseTextDigest(text, options);
    case 'hf':
      return parseHfDailyPapers(text, options);
    case 'arxiv':
      return parseArxivAtom(text, options);
    case 'jsonl':
      return parseJsonLines(text);
  }
}
