/** What the reader's own pages (`/for-you/`, `/saved/`) show and offer beyond the reading pages' marks. */
import { isolated, make } from './personal.ts';

/** The first authors and the day, as a row of the reader's lists shows them. */
export function byline(authors: readonly string[], day: string): HTMLParagraphElement {
  const line = make('p');
  authors.slice(0, 3).forEach((author, index) => {
    line.append(index ? ', ' : '', isolated(author));
  });
  line.append(authors.length > 3 ? ' et al.' : '', authors.length ? ' · ' : '', day);
  return line;
}

/** Offers text as a file to download. */
export function download(name: string, type: string, text: string): void {
  const link = make('a', { download: name, href: URL.createObjectURL(new Blob([text], { type })) });
  link.click();
  URL.revokeObjectURL(link.href);
}
