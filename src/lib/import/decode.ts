/**
 * A source file's bytes as text: UTF-8 only, refused otherwise with the offset of the first byte that is
 * not UTF-8. Decoding leniently would turn a Latin-1 `é` into U+FFFD and store the damage without a word.
 */

export type Decoded = { ok: true; text: string } | { ok: false; message: string };

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * The offset of the first byte that does not start a well-formed UTF-8 sequence (the same rules
 * as the WHATWG decoder: no overlong forms, no surrogates, nothing past U+10FFFF), or -1.
 */
export function invalidUtf8Offset(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const first = bytes[index] as number;
    if (first < 0x80) {
      index++;
      continue;
    }
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (first >= 0xc2 && first <= 0xdf) length = 2;
    else if (first >= 0xe0 && first <= 0xef) {
      length = 3;
      if (first === 0xe0) low = 0xa0;
      if (first === 0xed) high = 0x9f;
    } else if (first >= 0xf0 && first <= 0xf4) {
      length = 4;
      if (first === 0xf0) low = 0x90;
      if (first === 0xf4) high = 0x8f;
    } else return index;
    for (let k = 1; k < length; k++) {
      const byte = bytes[index + k];
      // A missing or wrong continuation byte: the sequence's first byte is the one that is not UTF-8.
      if (byte === undefined || byte < (k === 1 ? low : 0x80) || byte > (k === 1 ? high : 0xbf)) return index;
    }
    index += length;
  }
  return -1;
}

function hex(byte: number): string {
  return `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;
}

/** Line and column (1-based, in bytes) of a byte offset. */
function lineAndColumn(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < offset; index++) {
    if (bytes[index] === 0x0a) {
      line++;
      lineStart = index + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Decodes a file as UTF-8 (a leading byte order mark is dropped), or says where and why it is not UTF-8. */
export function decodeUtf8(bytes: Uint8Array): Decoded {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    return {
      ok: false,
      message: 'the file is UTF-16 (it starts with a UTF-16 byte order mark): save it as UTF-8',
    };
  try {
    return { ok: true, text: decoder.decode(bytes) };
  } catch {
    const offset = invalidUtf8Offset(bytes);
    const at = offset < 0 ? bytes.length : offset;
    const { line, column } = lineAndColumn(bytes, at);
    const byte = bytes[at];
    const what =
      byte === undefined
        ? 'the file ends inside a UTF-8 character'
        : `byte ${hex(byte)} at offset ${at} (line ${line}, byte ${column} of the line) is not part of a UTF-8 character`;
    return {
      ok: false,
      message: `not valid UTF-8: ${what}; is it Latin-1 or Windows-1252? Save it as UTF-8`,
    };
  }
}
