/**
 * Reads a Python literal as `repr()` writes one, for dumps whose writer called `str()` on each decoded
 * JSON item instead of `json.dumps` (`{'paper': {'id': '2412.18547', 'hidden': False, …}}`): dicts with
 * string keys, lists, tuples, strings with Python's escapes, numbers, `True`, `False` and `None`. That is
 * all `repr` writes for what `json.loads` returns, so the record is read exactly; anything else (a call,
 * a set, an expression) is refused with its position. One pass, no recursion deeper than `MAX_DEPTH`.
 */

export type PythonLiteral = { ok: true; value: unknown } | { ok: false; message: string };

const MAX_DEPTH = 64;

const ESCAPES: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  n: '\n',
  r: '\r',
  t: '\t',
  a: '\u0007',
  b: '\b',
  f: '\f',
  v: '\v',
};

class LiteralError extends Error {}

export function parsePythonLiteral(text: string): PythonLiteral {
  let index = 0;
  const fail = (what: string): never => {
    throw new LiteralError(`${what} at character ${index + 1}`);
  };
  const skipSpace = () => {
    while (index < text.length && ' \t\r\n'.includes(text[index] as string)) index += 1;
  };
  const expect = (char: string) => {
    skipSpace();
    if (text[index] !== char) fail(`expected "${char}"`);
    index += 1;
  };

  const hex = (length: number): string => {
    const digits = text.slice(index, index + length);
    if (digits.length !== length || !/^[0-9a-fA-F]+$/.test(digits)) fail(`expected ${length} hex digits`);
    index += length;
    const code = Number.parseInt(digits, 16);
    if (code > 0x10ffff) fail('not a Unicode code point');
    return String.fromCodePoint(code);
  };

  const string = (): string => {
    const quote = text[index] as string;
    index += 1;
    let out = '';
    let from = index;
    for (;;) {
      if (index >= text.length) fail('a string that never ends');
      const char = text[index];
      if (char === quote) {
        out += text.slice(from, index);
        index += 1;
        return out;
      }
      if (char === '\n') fail('a line break inside a string');
      if (char !== '\\') {
        index += 1;
        continue;
      }
      out += text.slice(from, index);
      const escaped = text[index + 1] ?? '';
      index += 2;
      if (escaped in ESCAPES) out += ESCAPES[escaped];
      else if (escaped === 'x') out += hex(2);
      else if (escaped === 'u') out += hex(4);
      else if (escaped === 'U') out += hex(8);
      else if (/[0-7]/.test(escaped)) {
        let digits = escaped;
        while (digits.length < 3 && /[0-7]/.test(text[index] ?? '')) digits += text[index++];
        out += String.fromCharCode(Number.parseInt(digits, 8));
      } else out += `\\${escaped}`;
      from = index;
    }
  };

  const sequence = (close: string, depth: number): unknown[] => {
    const items: unknown[] = [];
    skipSpace();
    while (text[index] !== close) {
      items.push(value(depth + 1));
      skipSpace();
      if (text[index] === ',') index += 1;
      else if (text[index] !== close) fail(`expected "," or "${close}"`);
      skipSpace();
    }
    index += 1;
    return items;
  };

  const dict = (depth: number): Record<string, unknown> => {
    const entries: [string, unknown][] = [];
    skipSpace();
    while (text[index] !== '}') {
      const key = value(depth + 1);
      if (typeof key !== 'string') fail('a dict key that is not a string');
      expect(':');
      entries.push([key as string, value(depth + 1)]);
      skipSpace();
      if (text[index] === ',') index += 1;
      else if (text[index] !== '}') fail('expected "," or "}"');
      skipSpace();
    }
    index += 1;
    // fromEntries defines each key as data, so a key named "__proto__" stays a key.
    return Object.fromEntries(entries);
  };

  const value = (depth: number): unknown => {
    if (depth > MAX_DEPTH) fail(`more than ${MAX_DEPTH} levels of nesting`);
    skipSpace();
    const char = text[index];
    if (char === '{') {
      index += 1;
      return dict(depth);
    }
    if (char === '[') {
      index += 1;
      return sequence(']', depth);
    }
    if (char === '(') {
      index += 1;
      return sequence(')', depth);
    }
    if (char === "'" || char === '"') return string();
    const word = /^(?:True|False|None|-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)/.exec(
      text.slice(index, index + 400),
    );
    if (word === null) fail('not a Python literal');
    const token = (word as RegExpExecArray)[0];
    index += token.length;
    if (token === 'True') return true;
    if (token === 'False') return false;
    if (token === 'None') return null;
    return Number(token);
  };

  try {
    const result = value(0);
    skipSpace();
    if (index < text.length) fail('more after the literal');
    return { ok: true, value: result };
  } catch (error) {
    if (error instanceof LiteralError) return { ok: false, message: error.message };
    throw error;
  }
}
