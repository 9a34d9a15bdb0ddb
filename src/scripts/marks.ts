/**
 * On every page that shows papers (cards, rows, a paper page): a Save button per paper, the mark on
 * papers that match the reader's follows, the Follow button of a topic's pages, and a paper's authors
 * linked to a search for each. Without JavaScript none of it exists and the page reads the same.
 */
import type { SavedPaper } from '../lib/site/follows.ts';
import {
  base,
  fill,
  isolated,
  list,
  make,
  matched,
  toggle,
  toggleButton,
  unchecked,
  update,
} from './personal.ts';

/** The paper id of a paper page's path (`…/papers/<id>/`). */
function paperIdOf(path: string): string | undefined {
  const id = /\/papers\/([^/]+)\/$/.exec(path)?.[1];
  return id && decodeURIComponent(id);
}

/** A paper as the reading list keeps it, read off its page: the record's title, every author, the day. */
function savedFrom(page: Document, url: string): SavedPaper | undefined {
  const id = paperIdOf(url);
  // The record's title, without the isolates the page puts around it (render/isolate.ts).
  const title = page
    .querySelector<HTMLMetaElement>('meta[property="og:title"]')
    ?.content.replace(/^\u2068|\u2069$/g, '');
  const day = /(\d{4}-\d{2}-\d{2})\/$/.exec(
    page.querySelector('.paper .kicker a')?.getAttribute('href') ?? '',
  )?.[1];
  if (!id || !title || !day) return undefined;
  return { id, title, authors: citationAuthors(page), day, url, read: false };
}

/**
 * A paper page's authors, every one in order, as the record has them: its `citation_author` tags. The
 * line of names shows the same text, but isolates only the names that need it (render/isolate.ts).
 */
function citationAuthors(page: Document): string[] {
  return [...page.querySelectorAll<HTMLMetaElement>('meta[name="citation_author"]')].map(
    (meta) => meta.content,
  );
}

const state = unchecked();
const savedIds = new Set(list(state.saved).map((paper) => (paper as { id?: unknown } | null)?.id));
const article = document.querySelector<HTMLElement>('article.paper');
/** Each paper on the page: its id, the element that shows it, its heading and its page's path. */
const shown = (
  article
    ? [[article, article.querySelector('h1'), location.pathname] as const]
    : [...document.querySelectorAll<HTMLAnchorElement>('.paper-card h2 a, .paper-rows h2 a')].map(
        (link) => [link.closest('article'), link.parentElement, link.pathname] as const,
      )
).flatMap(([element, heading, path]) => {
  const id = paperIdOf(path);
  return element && heading && id ? [{ id, element, heading, path }] : [];
});

for (const { id, element, heading, path } of shown) {
  const save = toggleButton('Save', savedIds.has(id), async (on) => {
    const page =
      on && !article
        ? new DOMParser().parseFromString(await (await fetch(path)).text(), 'text/html')
        : document;
    const paper = on ? savedFrom(page, path) : undefined;
    if (on && !paper) return false;
    update((fresh) => {
      fresh.saved = [
        ...(paper ? [paper] : []),
        ...list(fresh.saved).filter((entry) => (entry as { id?: unknown } | null)?.id !== id),
      ];
    });
    return true;
  });
  // A row's button joins its line of facts; a card and a paper page get a line of their own.
  const row = element.closest('.paper-rows') && element.querySelector('p');
  const line = make('p', { className: 'actions' }, save);
  if (row) row.append(' ', save);
  else if (article) heading.after(line);
  else element.append(line);
}

// A topic's pages have the Follow button in their HTML, hidden until this script runs.
const follow = document.querySelector<HTMLButtonElement>('button[data-topic]');
if (follow) {
  const topic = follow.dataset.topic as string;
  follow.hidden = false;
  toggle(follow, list(state.follows?.topics).includes(topic), (on) => {
    update((fresh) => {
      const follows: Record<string, unknown> = Object(fresh.follows);
      follows.topics = [...list(follows.topics).filter((id) => id !== topic), ...(on ? [topic] : [])];
      fresh.follows = follows;
    });
    return true;
  });
}

// A name links to a search of every paper for it: the search page reads `?q=` (search.astro). The
// line is written again from the record's names, each in a link and isolated, with the same text.
const authorLine = article?.querySelector('.authors');
const authorNames = citationAuthors(document);
if (authorLine && authorNames.length > 0)
  fill(
    authorLine,
    authorNames.flatMap((name, index) => [
      ...(index > 0 ? [document.createTextNode(', ')] : []),
      make('a', { href: `${base}search/?q=${encodeURIComponent(name)}&scope=all` }, isolated(name)),
    ]),
  );

// The latest days' papers and the matcher load only for a reader who follows something.
if (['topics', 'keywords', 'authors'].some((kind) => list(state.follows?.[kind]).length))
  matched(state.follows).then(({ papers }) => {
    const ids = new Set(papers?.map((paper) => paper[0]));
    for (const { id, element, heading } of shown)
      if (ids.has(id)) {
        element.classList.add('followed');
        heading.prepend(make('span', { className: 'followed-mark', textContent: 'For you' }), ' ');
      }
  });
