/**
 * Characters no stored text may hold, and the one linear pass that removes them. They are what the
 * readers of a record refuse: js-yaml (Astro's frontmatter parser) stops on C0 and C1 controls other
 * than tab and line breaks, on U+FFFE and U+FFFF and on lone surrogates ("the stream contains
 * non-printable characters"); XML 1.0, which every feed is, forbids the same controls, U+FFFE, U+FFFF
 * and surrogates; and a lone surrogate cannot be written as UTF-8 at all (it becomes U+FFFD on disk,
 * so the record would differ from its file on every run). The other 64 Unicode non-characters
 * (U+FDD0–U+FDEF, and the last two code points of every plane) are "not for interchange" and go too.
 */

/** What `cleanText` changed, for a note: each kind once. */
export interface TextRepairs {
  /** C0 controls (other than tab, line feed, carriage return), DEL and C1 controls were removed. */
  controls: boolean;
  /** Unicode non-characters were removed. */
  nonCharacters: boolean;
  /** Lone UTF-16 surrogates were replaced with U+FFFD. */
  surrogates: boolean;
}

export interface CleanedText {
  text: string;
  repairs: TextRepairs;
}

function isNonCharacter(codePoint: number): boolean {
  return (codePoint >= 0xfdd0 && codePoint <= 0xfdef) || (codePoint & 0xfffe) === 0xfffe;
}

/**
 * Removes controls (other than tab, LF, CR) and non-characters, replaces lone surrogates with U+FFFD,
 * and turns the Unicode line breaks NEL and U+2028 into `\n` and U+2029 (paragraph separator) into
 * `\n\n`, so that the unwrapping that follows treats them as the line breaks they are. One pass, no
 * regular expression.
 */
export function cleanText(value: string): CleanedText {
  const repairs: TextRepairs = { controls: false, nonCharacters: false, surrogates: false };
  let out = '';
  let from = 0;
  const replace = (index: number, width: number, replacement: string) => {
    out += value.slice(from, index) + replacement;
    from = index + width;
  };
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code < 0x20) {
      if (code !== 0x09 && code !== 0x0a && code !== 0x0d) {
        repairs.controls = true;
        replace(index, 1, '');
      }
    } else if (code >= 0x7f && code <= 0x9f) {
      if (code === 0x85) replace(index, 1, '\n');
      else {
        repairs.controls = true;
        replace(index, 1, '');
      }
    } else if (code === 0x2028) {
      replace(index, 1, '\n');
    } else if (code === 0x2029) {
      replace(index, 1, '\n\n');
    } else if (code >= 0xd800 && code <= 0xdbff) {
      const next = value.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        const codePoint = ((code - 0xd800) << 10) + (next - 0xdc00) + 0x10000;
        if (isNonCharacter(codePoint)) {
          repairs.nonCharacters = true;
          replace(index, 2, '');
        }
        index++;
      } else {
        repairs.surrogates = true;
        replace(index, 1, '\uFFFD');
      }
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      repairs.surrogates = true;
      replace(index, 1, '\uFFFD');
    } else if (isNonCharacter(code)) {
      repairs.nonCharacters = true;
      replace(index, 1, '');
    }
  }
  return { text: from === 0 ? value : out + value.slice(from), repairs };
}

/**
 * The first character no stored text may hold (a control other than tab and line breaks, a
 * non-character, a lone surrogate) as `U+XXXX at N`, or undefined when there is none. The store checks
 * every file it writes with it.
 */
export function findForbiddenCharacter(value: string): string | undefined {
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    let bad = false;
    if (code < 0x20) bad = code !== 0x09 && code !== 0x0a && code !== 0x0d;
    else if (code >= 0x7f && code <= 0x9f) bad = code !== 0x85;
    else if (code >= 0xd800 && code <= 0xdbff) {
      const next = value.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        const codePoint = ((code - 0xd800) << 10) + (next - 0xdc00) + 0x10000;
        if (isNonCharacter(codePoint)) return `U+${codePoint.toString(16).toUpperCase()} at ${index}`;
        index++;
        continue;
      }
      bad = true;
    } else if (code >= 0xdc00 && code <= 0xdfff) bad = true;
    else bad = isNonCharacter(code);
    if (bad) return `U+${code.toString(16).toUpperCase().padStart(4, '0')} at ${index}`;
  }
  return undefined;
}

/** The note for what `cleanText` changed, or undefined when it changed nothing worth a note. */
export function describeRepairs(repairs: TextRepairs): string | undefined {
  const parts: string[] = [];
  if (repairs.controls) parts.push('removed control characters');
  if (repairs.nonCharacters) parts.push('removed Unicode non-characters (such as U+FFFE)');
  if (repairs.surrogates) parts.push('replaced lone surrogates (broken UTF-16) with U+FFFD');
  return parts.length === 0 ? undefined : parts.join('; ');
}

/**
 * A character that shows something on its own: a letter, number, punctuation mark or symbol that is
 * not default-ignorable (zero-width spaces and joiners U+200B–U+200D, word joiner U+2060 and the
 * invisible operators, U+FEFF, the soft hyphen, bidi controls, variation selectors, tag characters,
 * Hangul fillers) and not the blank braille pattern U+2800. Whitespace, format characters and combining
 * marks (which only change the character before them) are not.
 */
const VISIBLE = /(?![\p{Default_Ignorable_Code_Point}\u2800])[\p{L}\p{N}\p{P}\p{S}]/u;

/** Whether a text shows anything: a title or a name of only invisible characters is as good as empty. */
export function hasVisibleCharacter(value: string): boolean {
  return VISIBLE.test(value);
}

/** What a non-empty text without a visible character holds, for a message: `U+200B U+200C`, at most 8. */
export function describeInvisible(value: string): string {
  const points = [...value].map(
    (char) => `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`,
  );
  const shown = [...new Set(points)].slice(0, 8).join(' ');
  return `it holds only invisible characters (${shown}${new Set(points).size > 8 ? ' …' : ''})`;
}
