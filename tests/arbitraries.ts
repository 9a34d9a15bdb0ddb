import fc from 'fast-check';

/**
 * Generators of hostile record text for property-based tests (fast-check): any Unicode, deep nesting of
 * every Markdown construct, long runs of any character, and random LaTeX with macros and box-moving
 * commands. Shared by the render and feed properties; the importer's properties may use them too.
 */

/** Characters that have broken something somewhere: non-characters, lone surrogates, controls, bidi. */
const NASTY_CHARS = [
  '\uFFFE',
  '\uFFFF',
  '\uD800',
  '\uDFFF',
  '\u0000',
  '\u0001',
  '\u0008',
  '\u000B',
  '\u001B',
  '\u007F',
  '\u0085',
  '\u200B',
  '\u202E',
  '\u2028',
  '\uFEFF',
  '\r',
  '\t',
  '\n',
  '😀',
  'é',
  'ｗ',
];

/** One character of anything: any code point, a lone surrogate, or one of the usual suspects. */
export const anyChar: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)) },
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_CHARS) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 1 }) },
);

/** Markdown and HTML syntax, alone or in pieces, plus some words. */
const MARKDOWN_PIECES = [
  '> ',
  '- ',
  '* ',
  '+ ',
  '1. ',
  '2) ',
  '    ',
  '\t',
  '\n',
  '\n\n',
  '*',
  '**',
  '_',
  '__',
  '~',
  '~~',
  '`',
  '```',
  '```math\n',
  '[',
  ']',
  '(',
  ')',
  '![',
  '](',
  '<',
  '>',
  '</',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<a href="javascript:alert(1)">x</a>',
  '[x](javascript:alert(1))',
  '[x](data:text/html,<script>alert(1)</script>)',
  '<javascript:alert(1)>',
  '<https://example.org/x>',
  'https://example.org/a_b',
  'http://',
  'www.',
  '@',
  'a@b.example',
  '|',
  '| a | b |\n|---|---|\n',
  '[^1]',
  '[^1]: note',
  '[x]: https://example.org',
  '# ',
  '---',
  '===',
  '\\',
  '$',
  '$$',
  '\\(',
  '\\)',
  '\\[',
  '\\]',
  '&',
  '&#0;',
  '&#x110000;',
  '&amp;',
  '- [ ] ',
  ':',
  '.',
  ' ',
  'word',
  'The model',
];

/** Soup of Markdown syntax and any characters. */
export const markdownSoup: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...MARKDOWN_PIECES) },
      { weight: 1, arbitrary: anyChar },
    ),
    {
      maxLength: 200,
    },
  )
  .map((pieces) => pieces.join(''));

/** Openers and closers of every nestable construct. */
const NESTABLE: readonly [string, string][] = [
  ['> ', ''],
  ['- ', ''],
  ['* ', ''],
  ['1. ', ''],
  ['  - ', '\n'],
  ['*a ', ' b*'],
  ['**a ', ' b**'],
  ['_a ', ' b_'],
  ['~~a ', ' b~~'],
  ['[', ']'],
  ['[', '](https://example.org)'],
  ['![', ']'],
  ['(', ')'],
  ['<', '>'],
  ['`', '`'],
  ['{', '}'],
  ['$', '$'],
  ['\\(', '\\)'],
  ['<b>', '</b>'],
];

/** One construct nested up to 3,000 levels deep around some text. */
export const deepNesting: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...NESTABLE), fc.integer({ min: 1, max: 3000 }), markdownSoup)
  .map(([[open, close], depth, inner]) => `${open.repeat(depth)}${inner.slice(0, 50)}${close.repeat(depth)}`);

/** A long run of one character or piece, with some text around it. */
export const longRun: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof(anyChar, fc.constantFrom(...MARKDOWN_PIECES)),
    fc.integer({ min: 1, max: 20_000 }),
    fc.constantFrom('', 'See https://example.org/x', '$x$ ', 'a'),
  )
  .map(([unit, count, prefix]) => `${prefix}${unit.repeat(Math.ceil(count / unit.length))}`);

/** Pieces of TeX: macros and definitions, box-moving commands, lengths, groups, colours, environments. */
const TEX_PIECES = [
  '\\def\\a{',
  '\\a',
  '\\gdef\\b#1{#1#1}',
  '\\b{',
  '\\edef\\c{',
  '\\newcommand{\\d}{',
  '\\let\\e=',
  '\\raisebox{',
  '\\kern',
  '\\mkern',
  '\\hspace{',
  '\\hskip',
  '\\mskip',
  '\\rule{',
  '\\llap{',
  '\\rlap{',
  '\\smash{',
  '\\!',
  '\\quad',
  '\\,',
  '-',
  '100',
  '7',
  '0.5',
  '9999',
  'em}',
  'em',
  'ex',
  'mu',
  'pt',
  'cm',
  'in',
  '{',
  '}',
  '^',
  '_',
  '\\frac',
  '\\sqrt',
  '\\left(',
  '\\right)',
  '\\begin{pmatrix}',
  '\\end{pmatrix}',
  '&',
  '\\\\',
  '\\\\[50em]',
  '\\color{red}',
  '\\textcolor{#fbfbf9}{',
  '\\colorbox{black}{',
  '\\href{javascript:alert(1)}{',
  '\\url{javascript:alert(1)}',
  '\\htmlId{x}{',
  '\\htmlStyle{position:fixed}{',
  '\\includegraphics{https://example.org/x.png}',
  '\\text{',
  '%',
  ' ',
  'x',
  'NOTICE',
  '\\sum_{i=1}^{n}',
  '\\boxed{',
  '\\overbrace{',
];

/** Random TeX. */
export const tex: fc.Arbitrary<string> = fc
  .array(
    fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...TEX_PIECES) }, { weight: 1, arbitrary: anyChar }),
    {
      maxLength: 80,
    },
  )
  .map((pieces) => pieces.join(''));

/** Random TeX in one of the math delimiters, with text around it. */
export const mathText: fc.Arbitrary<string> = fc
  .array(
    fc.tuple(
      fc.constantFrom(['$', '$'], ['$$', '$$'], ['\\(', '\\)'], ['\\[', '\\]'], ['\n$$\n', '\n$$\n']),
      tex,
      markdownSoup,
    ),
    { minLength: 1, maxLength: 8 },
  )
  .map((parts) =>
    parts.map(([[open, close], formula, text]) => `${text.slice(0, 40)} ${open}${formula}${close}`).join(' '),
  );

/** Any abstract or title an attacker might write. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: anyChar, maxLength: 300 }),
  markdownSoup,
  deepNesting,
  longRun,
  mathText,
  fc.tuple(markdownSoup, mathText, deepNesting).map((parts) => parts.join('\n\n')),
);
