/**
 * Outbound links of records are untrusted: not endorsed, no referrer, no window access (`noreferrer`
 * implies `noopener`, so the page does not spend nine bytes a link saying it again).
 */
export const EXTERNAL_REL = 'nofollow ugc noreferrer';

/**
 * A paper's pages at the archives the site draws its records from: arXiv, and Hugging Face's paper
 * pages (not its models or spaces, which anyone can publish). Such a link is a citation of the paper's
 * source, as a library catalogue gives it, and its referrer tells arXiv nothing the link does not.
 */
const ARCHIVE_PAGE = /^https:\/\/(?:arxiv\.org\/|huggingface\.co\/papers\/)/;

/** The `rel` of a record's link: none for a page of the paper's archive, `EXTERNAL_REL` for any other. */
export function recordLinkRel(url: string): string | undefined {
  return ARCHIVE_PAGE.test(url) ? undefined : EXTERNAL_REL;
}

/** Whether a link leads to an absolute http(s) URL with a host, the only links a record may keep. */
export function isWebUrl(value: string): boolean {
  return /^https?:\/\/[^/]/i.test(value);
}
