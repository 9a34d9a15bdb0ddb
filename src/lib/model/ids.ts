/**
 * Identity rules for paper records: arXiv ids, paper ids (file names and URL segments) and title slugs.
 * Pure functions, shared by the importer and the site.
 */

/** A bare arXiv id: new style `2401.01234` or old style `hep-th/9901001`, `math.GT/0309136`. */
const BARE_ARXIV = String.raw`(?:\d{4}\.\d{4,5}|[a-z]+(?:-[a-z]+)*(?:\.[A-Z]{2})?/\d{7})`;

/** Optional prefixes around an id: `arXiv:`, or an arxiv.org abs/pdf/html URL. */
const ARXIV_TEXT = new RegExp(
  String.raw`^(?:arxiv:\s*|(?:https?://)?(?:www\.|export\.)?arxiv\.org/(?:abs|pdf|html)/)?` +
    `(${BARE_ARXIV})` +
    String.raw`(?:v(\d+))?(?:\.pdf)?/?(?:[?#].*)?$`,
  'i',
);

/** Matches a bare arXiv id exactly as the paper schema spells it. */
export const BARE_ARXIV_ID = new RegExp(`^${BARE_ARXIV}$`);

export interface ArxivId {
  /** The bare id, without version, as arXiv spells it. */
  id: string;
  /** The version number, when the text carried one (`v2` → 2). */
  version?: number;
}

/**
 * Parses an arXiv id out of a bare id, a versioned id, `arXiv:…`, or an arxiv.org abs/pdf/html URL.
 * Returns undefined when the text is not an arXiv id.
 */
export function parseArxivId(text: string): ArxivId | undefined {
  const match = ARXIV_TEXT.exec(text.trim());
  const raw = match?.[1];
  if (!match || raw === undefined) return undefined;
  // The prefix is case-insensitive, the id is not: old-style archives are lower case, classes upper case.
  if (!BARE_ARXIV_ID.test(raw)) return undefined;
  const version = match[2] === undefined ? undefined : Number(match[2]);
  if (version !== undefined && !(Number.isSafeInteger(version) && version > 0)) return undefined;
  return version === undefined ? { id: raw } : { id: raw, version };
}

/** The paper id of a bare arXiv id: old-style `hep-th/9901001` becomes `hep-th_9901001`. */
export function paperIdFromArxiv(bareId: string): string {
  return bareId.replace('/', '_');
}

/** The abstract page of a bare arXiv id. */
export function arxivAbsUrl(bareId: string): string {
  return `https://arxiv.org/abs/${bareId}`;
}

/** The PDF of a bare arXiv id. */
export function arxivPdfUrl(bareId: string): string {
  return `https://arxiv.org/pdf/${bareId}`;
}

/** Letters NFKD does not decompose into ASCII. */
const FOLD: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

export const SLUG_MAX = 80;

/** A short, stable hash (FNV-1a, 32 bit) as base-36, for titles that leave no ASCII slug. */
function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (const char of text) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}

/**
 * A stable slug of a title: NFKD, diacritics stripped, lower case, runs of anything else than a-z0-9
 * become one `-`, trimmed, and cut at a word boundary to at most 80 characters. A title without any
 * ASCII letter or digit gets `paper-<hash>`. Slugs never contain `.` or `_`, so they cannot collide
 * with ids made from arXiv ids.
 */
export function slugFromTitle(title: string): string {
  const folded = title
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[ßæœøłđðþı]/g, (char) => FOLD[char] ?? char);
  let slug = folded.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  if (slug.length > SLUG_MAX) {
    const cut = slug.slice(0, SLUG_MAX + 1);
    const boundary = cut.lastIndexOf('-');
    slug = (boundary > 0 ? cut.slice(0, boundary) : cut.slice(0, SLUG_MAX)).replace(/-+$/, '');
  }
  if (slug === '') return `paper-${shortHash(title.trim())}`;
  // `con`, `aux`, `nul`, `com1`… cannot be file names on Windows.
  return isWindowsDeviceName(slug) ? `${slug}-paper` : slug;
}

/** Names Windows reserves for devices, whatever their case and extension (`CON`, `nul.md`, `Lpt9.x`). */
const WINDOWS_DEVICE = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;

/**
 * Whether a file named `name` (or `name.md`) is a device on Windows: the part before the first dot, with
 * trailing spaces ignored, is `CON`, `PRN`, `AUX`, `NUL`, `COM0`–`COM9` or `LPT0`–`LPT9`. Such a paper
 * file could not be checked out there.
 */
export function isWindowsDeviceName(name: string): boolean {
  const dot = name.indexOf('.');
  return WINDOWS_DEVICE.test((dot < 0 ? name : name.slice(0, dot)).trimEnd());
}

/**
 * The key under which two ids are the same file on a case-insensitive file system (macOS, Windows):
 * `Paper-A` and `paper-a` must never both be stored.
 */
export function idFileKey(id: string): string {
  return id.toLowerCase();
}

/**
 * The key two titles are compared by to decide they name the same paper: case, whitespace, diacritics
 * and punctuation do not count.
 */
export function titleKey(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}
