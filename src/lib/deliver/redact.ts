/**
 * Secrets never reach stdout, stderr or the committed state file: every line the delivery writes goes
 * through a redactor that knows each secret of the run and the forms a message may quote it in (the
 * whole URL, its path, its user and password, URL-encoded or not). A webhook URL keeps its origin, so a
 * message still says which service failed.
 */

export type Redact = (text: string) => string;

const MASK = '***';
/** A user name or password shorter than this is not masked on its own (it would mask ordinary words); whole secrets always are. */
const MIN_CREDENTIAL = 4;
/** A path segment or query value this long is a token (Slack's, Discord's); shorter ones are ordinary words. */
const MIN_TOKEN = 16;

/** The pieces of a URL that may hold its secret: the path and query, long segments, the user and password. */
function urlFragments(value: string): { fragment: string; replacement: string }[] {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return [];
  }
  const fragments = [{ fragment: value, replacement: `${url.protocol}//${url.host}/${MASK}` }];
  const pathAndQuery = `${url.pathname}${url.search}`;
  if (pathAndQuery.length > 1) fragments.push({ fragment: pathAndQuery, replacement: `/${MASK}` });
  const credentials = [url.username, url.password].filter((part) => part.length >= MIN_CREDENTIAL);
  const tokens = [...url.pathname.split('/'), ...url.search.slice(1).split(/[&=]/)].filter(
    (part) => part.length >= MIN_TOKEN,
  );
  for (const part of [...credentials, ...tokens]) {
    fragments.push({ fragment: part, replacement: MASK });
    // A message may quote it decoded (`%40` as `@`).
    const decoded = safeDecode(part);
    if (decoded !== part) fragments.push({ fragment: decoded, replacement: MASK });
  }
  return fragments;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A redactor for `secrets` (webhook URLs, tokens, passwords, recipients' addresses). Longer fragments
 * are replaced first, so a URL is masked as a URL before its parts are; matching ignores case (an SMTP
 * server may echo an address in other case).
 */
export function createRedactor(secrets: readonly (string | undefined)[]): Redact {
  const pairs = new Map<string, string>();
  for (const secret of secrets) {
    if (secret === undefined || secret.trim() === '') continue;
    for (const { fragment, replacement } of urlFragments(secret)) pairs.set(fragment, replacement);
    if (!pairs.has(secret)) pairs.set(secret, MASK);
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) pairs.set(encoded, MASK);
  }
  const ordered = [...pairs.keys()].sort((a, b) => b.length - a.length);
  if (ordered.length === 0) return (text) => text;
  const pattern = new RegExp(ordered.map(escapeRegExp).join('|'), 'gi');
  const lookup = new Map([...pairs].map(([fragment, replacement]) => [fragment.toLowerCase(), replacement]));
  return (text) => text.replace(pattern, (match) => lookup.get(match.toLowerCase()) ?? MASK);
}
