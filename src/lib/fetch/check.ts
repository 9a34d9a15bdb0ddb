/** Checks shared by the sources: is a 200 response what was asked for, or an error page in disguise? */

/** The text of an HTML page's `<title>`, whitespace collapsed, at most 80 characters. */
function htmlTitle(body: string): string | undefined {
  const match = /<title[^>]*>([^<]*)<\/title>/i.exec(body);
  const title = match?.[1]?.replace(/\s+/g, ' ').trim();
  if (!title) return undefined;
  return title.length > 80 ? `${title.slice(0, 79)}…` : title;
}

/**
 * A message when the body is an HTML page (a proxy's or a maintenance page served with status 200),
 * `undefined` otherwise.
 */
export function htmlPageMessage(body: string, contentType: string, expected: string): string | undefined {
  const looksHtml = /^\s*(<!doctype html|<html[\s>])/i.test(body);
  if (!looksHtml && !/\btext\/html\b/i.test(contentType)) return undefined;
  const title = htmlTitle(body);
  return `got an HTML page instead of ${expected}${title ? ` ("${title}")` : ''}: an error page served with status 200?`;
}
