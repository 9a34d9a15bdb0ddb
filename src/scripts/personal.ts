/**
 * What the reader's own pages and the marks on reading pages share: their state in `localStorage`,
 * `recent.json`, and elements made from untrusted text. Record text and anything read back from
 * storage or a file reach the page as text nodes and attribute values only, never as markup.
 */
import {
  emptyPersonal,
  type Follows,
  PERSONAL_KEY,
  type Personal,
  readPersonal,
  type SavedPaper,
  writePersonal,
} from '../lib/site/follows.ts';
import type { Matched } from './match-worker.ts';

/** The site's base path (`/` or `/paperboy/`), as the header's link home has it. */
export const base = (document.querySelector('a.brand') as HTMLAnchorElement).pathname;

/** The reader's state, without any entry that fails its checks (site/follows.ts). */
export function load(): Personal {
  try {
    return readPersonal(localStorage.getItem(PERSONAL_KEY) ?? '').personal;
  } catch {
    return emptyPersonal();
  }
}

export function store(state: Personal): void {
  try {
    localStorage.setItem(PERSONAL_KEY, writePersonal(state));
  } catch {}
}

/** Changes the stored state as it is now: another tab may have changed it since this page loaded. */
export function update(change: (state: Personal) => void): void {
  const state = load();
  change(state);
  store(state);
}

/** The papers of `recent.json` that match `follows`, from match-worker.ts. */
export function matched(follows: Follows): Promise<Matched> {
  const worker = new Worker(new URL('./match-worker.ts', import.meta.url), { type: 'module' });
  worker.postMessage({ follows, url: `${base}recent.json` });
  return new Promise((resolve) => {
    worker.onmessage = ({ data }: MessageEvent<Matched>) => {
      worker.terminate();
      resolve(data);
    };
  });
}

/** An element with properties (never `innerHTML`) and children, text as text nodes. */
export function make<Tag extends keyof HTMLElementTagNameMap>(
  tag: Tag,
  properties: Partial<HTMLElementTagNameMap[Tag]> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[Tag] {
  const element = Object.assign(document.createElement(tag), properties);
  element.append(...children);
  return element;
}

/** Record text beside other text, isolated so its direction cannot turn the rest of the line. */
export const isolated = (text: string) => make('bdi', {}, text);

/**
 * Makes a button a toggle: its name stays the same and `aria-pressed` says whether it is on, as the
 * theme switch does. `change` gets the new state and may refuse it by returning false.
 */
export function toggle(
  button: HTMLButtonElement,
  pressed: boolean,
  change: (on: boolean) => boolean | Promise<boolean>,
): HTMLButtonElement {
  button.setAttribute('aria-pressed', String(pressed));
  button.onclick = async () => {
    const on = button.getAttribute('aria-pressed') !== 'true';
    if (await change(on)) button.setAttribute('aria-pressed', String(on));
  };
  return button;
}

/** A toggle button of the reader's layer, named `label`. */
export const toggleButton = (
  label: string,
  pressed: boolean,
  change: (on: boolean) => boolean | Promise<boolean>,
) => toggle(make('button', { type: 'button', className: 'toggle', textContent: label }), pressed, change);

/** The paper id of a paper page's path (`…/papers/<id>/`). */
export function paperIdOf(path: string): string | undefined {
  const id = /\/papers\/([^/]+)\/$/.exec(path)?.[1];
  return id && decodeURIComponent(id);
}

/** A paper as the reading list keeps it, read off its page: the record's title, every author, the day. */
export function savedFrom(page: Document, url: string): SavedPaper | undefined {
  const id = paperIdOf(url);
  const title = page.querySelector<HTMLMetaElement>('meta[property="og:title"]')?.content;
  const day = /(\d{4}-\d{2}-\d{2})\/$/.exec(
    page.querySelector('.paper .kicker a')?.getAttribute('href') ?? '',
  )?.[1];
  if (!id || !title || !day) return undefined;
  const authors = [...page.querySelectorAll('.paper .authors bdi')].map((name) => name.textContent ?? '');
  return { id, title, authors, day, url, read: false };
}
