import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { testSettings } from '../../../tests/test-settings.ts';
import { decodeUtf8, invalidUtf8Offset } from './decode.ts';

const bytes = (...values: number[]) => Uint8Array.from(values);
const text = (value: string) => new TextEncoder().encode(value);

describe('decodeUtf8', () => {
  test('UTF-8 is decoded, a byte order mark dropped', () => {
    expect(decodeUtf8(text('café 😀'))).toEqual({ ok: true, text: 'café 😀' });
    expect(decodeUtf8(bytes(0xef, 0xbb, 0xbf, 0x5b, 0x5d))).toEqual({ ok: true, text: '[]' });
  });

  test('Latin-1 is refused, naming the byte, its offset, line and column', () => {
    const latin1 = bytes(...text('{"a": 1}\n{"title": "caf'), 0xe9, ...text('"}\n'));
    expect(decodeUtf8(latin1)).toEqual({
      ok: false,
      message:
        'not valid UTF-8: byte 0xE9 at offset 23 (line 2, byte 15 of the line) is not part of a UTF-8 character; is it Latin-1 or Windows-1252? Save it as UTF-8',
    });
  });

  test('UTF-16 with a byte order mark is refused as such', () => {
    expect(decodeUtf8(bytes(0xff, 0xfe, 0x5b, 0x00))).toEqual({
      ok: false,
      message: 'the file is UTF-16 (it starts with a UTF-16 byte order mark): save it as UTF-8',
    });
  });
});

describe('invalidUtf8Offset', () => {
  test.each([
    [[0x61, 0x80], 1, 'a lone continuation byte'],
    [[0x61, 0xc0, 0x80], 1, 'an overlong NUL'],
    [[0xc1, 0xbf], 0, 'an overlong ASCII character'],
    [[0xe0, 0x80, 0x80], 0, 'an overlong three-byte form'],
    [[0xed, 0xa0, 0x80], 0, 'an encoded surrogate'],
    [[0xf4, 0x90, 0x80, 0x80], 0, 'a code point past U+10FFFF'],
    [[0xf5, 0x80, 0x80, 0x80], 0, 'a lead byte that never occurs'],
    [[0x61, 0x62, 0xe2, 0x82], 2, 'a sequence cut off at the end'],
    [[0xe2, 0x28, 0xa1], 0, 'a wrong continuation byte'],
    [[0x61, 0xe2, 0x82, 0xac, 0xff], 4, 'a byte 0xFF after a euro sign'],
    [[0xf0, 0x9f, 0x98, 0x80], -1, 'an emoji'],
  ])('%j → %i (%s)', (input, offset) => {
    expect(invalidUtf8Offset(Uint8Array.from(input))).toBe(offset);
  });

  test('agrees with the WHATWG decoder on any bytes', () => {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.uint8Array({ maxLength: 8 }), (noise, prefix) => {
        const input = Uint8Array.from([...text('ok é 😀'), ...prefix, ...noise]);
        let valid = true;
        try {
          decoder.decode(input);
        } catch {
          valid = false;
        }
        expect(invalidUtf8Offset(input) === -1).toBe(valid);
        if (!valid) {
          // Everything before the reported byte decodes.
          expect(() => decoder.decode(input.slice(0, invalidUtf8Offset(input)))).not.toThrow();
        }
      }),
      { numRuns: testSettings.propertyRuns * 20, seed: testSettings.propertySeed },
    );
  });
});
