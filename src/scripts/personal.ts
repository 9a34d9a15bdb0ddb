/**
 * What the reader's own pages and the marks on reading pages share: their state in `localStorage`, the
 * worker that checks and matches it, and elements made from untrusted text. Record text and anything
 * read back from storage or a file reach the page as text nodes and attribute values only, never as
 * markup.
 */
import { emptyPersonal, PERSONAL_KEY, type Personal } from '../lib/site/follows.ts';
import type { Answer, Matched, Read, Request } from './personal-worker.ts';

/** The site's base path (`/` or `/paperboy/`), as the header's link home has it. */
export const base = (document.querySelector('a.brand') as HTMLAnchorElement).pathname;

/** What storage holds, or an empty state's text (also when storage cannot be read). */
export function storedText(): string {
  let text: string | null = null;
  try {
    text = localStorage.getItem(PERSONAL_KEY);
  } catch {}
  return text ?? '{"paperboy":1}';
}

/**
 * The stored state unchecked. The reading pages need no more: they compare ids with it, hand its
 * follows to the worker (which checks them) and show none of it; the reader's own pages show only what
 * the worker checked (`ask({ read })`).
 */
export interface Unchecked {
  follows?: Record<string, unknown>;
  saved?: unknown;
}

export function unchecked(): Unchecked {
  try {
    return Object(JSON.parse(storedText()));
  } catch {
    return {};
  }
}

/** A list from the unchecked state: anything else counts as an empty list. */
export const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

export function store(state: Unchecked | Personal): void {
  try {
    localStorage.setItem(PERSONAL_KEY, JSON.stringify({ ...state, paperboy: 1 }, null, 1));
  } catch {}
}

/** Changes the stored state as it is now (another tab may have changed it since this page loaded). */
export function update(change: (state: Unchecked) => void): void {
  const state = unchecked();
  change(state);
  store(state);
}

/** Asks personal-worker.ts, a worker of its own for each question. */
export function ask(request: Request): Promise<Answer> {
  const worker = new Worker(new URL('./personal-worker.ts', import.meta.url), { type: 'module' });
  worker.postMessage(request);
  return new Promise((resolve) => {
    worker.onmessage = ({ data }: MessageEvent<Answer>) => {
      worker.terminate();
      resolve(data);
    };
  });
}

/** The stored state, checked: what a page that shows it may show (an empty state for what is no state). */
export const checked = () =>
  ask({ read: storedText() }).then((reply) => (reply as Read).personal ?? emptyPersonal());

/** The papers of `recent.json` that match some follows. */
export const matched = (follows: unknown) => ask({ follows, url: `${base}recent.json` }) as Promise<Matched>;

/** An element with properties (never `innerHTML`) and children, text as text nodes. */
export function make<Tag extends keyof HTMLElementTagNameMap>(
  tag: Tag,
  properties: Partial<HTMLElementTagNameMap[Tag]> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[Tag] {
  const element = Object.assign(document.createElement(tag), properties);
  // bounded: a call's own arguments, never a list of papers (see `fill`).
  element.append(...children);
  return element;
}

/** Replaces an element's children with a list's, one by one: a list can hold more than a call's arguments can. */
export function fill(parent: Element, children: Iterable<Node>): void {
  parent.replaceChildren();
  for (const child of children) parent.append(child);
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
