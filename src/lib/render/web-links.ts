/**
 * Outbound links of records are untrusted: not endorsed, no referrer, no window access (`noreferrer`
 * implies `noopener`, so the page does not spend nine bytes a link saying it again).
 */
export const EXTERNAL_REL = 'nofollow ugc noreferrer';

/** Whether a link leads to an absolute http(s) URL with a host, the only links a record may keep. */
export function isWebUrl(value: string): boolean {
  return /^https?:\/\/[^/]/i.test(value);
}
