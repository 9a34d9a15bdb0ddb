/** Outbound links of records are untrusted: not endorsed, no referrer, no window access. */
export const EXTERNAL_REL = 'nofollow ugc noopener noreferrer';

/** Whether a link leads to an absolute http(s) URL with a host, the only links a record may keep. */
export function isWebUrl(value: string): boolean {
  return /^https?:\/\/[^/]/i.test(value);
}
