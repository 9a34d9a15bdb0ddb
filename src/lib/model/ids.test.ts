import { describe, expect, test } from 'vitest';
import { PAPER_ID } from './id-patterns.ts';
import {
  idFileKey,
  isWindowsDeviceName,
  paperIdFromArxiv,
  parseArxivId,
  SLUG_MAX,
  slugFromTitle,
  titleKey,
} from './ids.ts';

describe('parseArxivId', () => {
  test.each([
    ['2401.01234', { id: '2401.01234' }],
    ['2401.01234v2', { id: '2401.01234', version: 2 }],
    ['  2401.01234v12 ', { id: '2401.01234', version: 12 }],
    ['0704.0001', { id: '0704.0001' }],
    ['arXiv:2401.01234v3', { id: '2401.01234', version: 3 }],
    ['https://arxiv.org/abs/2401.01234', { id: '2401.01234' }],
    ['http://arxiv.org/abs/2401.01234v1', { id: '2401.01234', version: 1 }],
    ['https://arxiv.org/pdf/2401.01234v2', { id: '2401.01234', version: 2 }],
    ['https://arxiv.org/pdf/2401.01234v2.pdf', { id: '2401.01234', version: 2 }],
    ['https://export.arxiv.org/abs/2401.01234', { id: '2401.01234' }],
    ['https://arxiv.org/html/2401.01234v1/', { id: '2401.01234', version: 1 }],
    ['hep-th/9901001', { id: 'hep-th/9901001' }],
    ['hep-th/9901001v2', { id: 'hep-th/9901001', version: 2 }],
    ['math.GT/0309136', { id: 'math.GT/0309136' }],
    ['http://arxiv.org/abs/nucl-ex/0408020v1', { id: 'nucl-ex/0408020', version: 1 }],
    ['http://arxiv.org/pdf/astro-ph/9904306v1', { id: 'astro-ph/9904306', version: 1 }],
  ])('%j → %j', (text, expected) => {
    expect(parseArxivId(text)).toEqual(expected);
  });

  test.each([
    '',
    'not an id',
    '2401.123',
    '2401.012345',
    '2401.01234v0',
    'HEP-TH/9901001',
    'math.gt/0309136',
    'hep-th/990100',
    'https://example.org/abs/2401.01234',
    '2401.01234 and more',
  ])('rejects %j', (text) => {
    expect(parseArxivId(text)).toBeUndefined();
  });
});

describe('paperIdFromArxiv', () => {
  test.each([
    ['2401.01234', '2401.01234'],
    ['hep-th/9901001', 'hep-th_9901001'],
    ['math.GT/0309136', 'math.GT_0309136'],
  ])('%s → %s, a valid paper id', (bare, expected) => {
    const id = paperIdFromArxiv(bare);
    expect(id).toBe(expected);
    expect(id).toMatch(PAPER_ID);
  });
});

describe('slugFromTitle', () => {
  test.each([
    ['Prot2Token: A Unified Framework', 'prot2token-a-unified-framework'],
    [
      '  Sequence-to-Action:  Grammatical Error Correction ',
      'sequence-to-action-grammatical-error-correction',
    ],
    ['Décodage à l’Échelle: Ça Marche', 'decodage-a-l-echelle-ca-marche'],
    ['Straße über Ærø', 'strasse-uber-aero'],
    ['M4LE: A Multi-Ability (S4) Benchmark!', 'm4le-a-multi-ability-s4-benchmark'],
    ['ﬁne-tuning Ｌｌａｍａ', 'fine-tuning-llama'],
    ['<script>alert(1)</script>', 'script-alert-1-script'],
    ['What learning algorithm is in-context learning?', 'what-learning-algorithm-is-in-context-learning'],
  ])('%j → %j', (title, expected) => {
    expect(slugFromTitle(title)).toBe(expected);
  });

  test('cuts long titles at a word boundary to at most 80 characters', () => {
    const title =
      'Mamba-360: Survey of State Space Models as Transformer Alternative for Long Sequence Modelling: Methods, Applications, and Challenges';
    const slug = slugFromTitle(title);
    expect(slug).toBe('mamba-360-survey-of-state-space-models-as-transformer-alternative-for-long');
    expect(slug.length).toBeLessThanOrEqual(SLUG_MAX);
  });

  test('keeps a word that ends exactly at the limit', () => {
    const title = `${'a'.repeat(39)} ${'b'.repeat(40)} ccc`;
    expect(slugFromTitle(title)).toBe(`${'a'.repeat(39)}-${'b'.repeat(40)}`);
  });

  test('cuts a single overlong word hard', () => {
    expect(slugFromTitle('x'.repeat(200))).toBe('x'.repeat(SLUG_MAX));
  });

  test('titles without ASCII letters get a stable hashed slug', () => {
    const slug = slugFromTitle('大型语言模型');
    expect(slug).toMatch(/^paper-[0-9a-z]+$/);
    expect(slugFromTitle('大型语言模型')).toBe(slug);
    expect(slugFromTitle('小型语言模型')).not.toBe(slug);
  });

  test.each(['A', 'Ünïcödé', '!!!', '2401.01234', 'a'.repeat(300)])('%j gives a valid paper id', (title) => {
    expect(slugFromTitle(title)).toMatch(PAPER_ID);
  });
});

describe('titleKey', () => {
  test('ignores case, whitespace, punctuation and diacritics', () => {
    expect(titleKey('Pointer  Networks.')).toBe(titleKey('pointer networks'));
    expect(titleKey('Décodage: à la carte')).toBe(titleKey('Decodage - A la Carte'));
    expect(titleKey('Pointer Networks')).not.toBe(titleKey('Pointer Network'));
  });
});

describe('Windows device names', () => {
  test.each([
    ['CON', true],
    ['con.md', true],
    ['Lpt9', true],
    ['com0.x.y', true],
    ['aux ', true],
    ['conin$', true],
    ['com10', false],
    ['console', false],
    ['a.con', false],
  ])('isWindowsDeviceName(%j) is %s', (name, expected) => {
    expect(isWindowsDeviceName(name)).toBe(expected);
  });

  test.each(['Con', 'AUX', 'Nul', 'com1', 'LPT9'])(
    'a title %j gets a slug that is not a device name',
    (title) => {
      const slug = slugFromTitle(title);
      expect(isWindowsDeviceName(slug)).toBe(false);
      expect(slug).toBe(`${title.toLowerCase()}-paper`);
      expect(slug).toMatch(PAPER_ID);
    },
  );

  test('idFileKey folds case: ids that are one file on macOS and Windows share a key', () => {
    expect(idFileKey('Paper-A')).toBe(idFileKey('paper-a'));
    expect(idFileKey('paper-a')).not.toBe(idFileKey('paper-b'));
  });
});

describe('linear time on hostile text', () => {
  test.each([
    ['spaces', ' '.repeat(200_000)],
    ['dashes', '-'.repeat(200_000)],
    ['letters and dashes', 'a-'.repeat(100_000)],
    ['arXiv prefix and spaces', `arxiv:${' '.repeat(200_000)}x`],
    ['an old-style id that never ends', `${'a-'.repeat(100_000)}!`],
    ['accents', 'é'.repeat(200_000)],
  ])('parseArxivId, slugFromTitle and titleKey on 200 KB of %s', (_, text) => {
    const start = performance.now();
    parseArxivId(text);
    slugFromTitle(text);
    titleKey(text);
    expect(performance.now() - start).toBeLessThan(2_000);
  });
});
