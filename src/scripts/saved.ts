/**
 * `/saved/`: the reading list, with what each paper showed when it was saved, read marks, and an
 * export as BibTeX taken from each paper's page (its BibTeX block: the site publishes no file per paper).
 */
import type { Personal } from '../lib/site/follows.ts';
import { dataControls } from './data-controls.ts';
import { byline, download } from './lists.ts';
import { checked, fill, isolated, make, store, toggleButton } from './personal.ts';

const root = document.querySelector('.personal') as HTMLElement;
const list = root.querySelector('.saved-list') as HTMLOListElement;
const summary = root.querySelector('.saved-summary') as HTMLElement;
const empty = root.querySelector('.saved-empty') as HTMLElement;
/** The checked state this page shows and changes. */
let state: Personal;

function change(next: Personal['saved']): boolean {
  state.saved = next;
  store(state);
  render();
  return true;
}

function render(): void {
  const { saved } = state;
  const unread = saved.filter((paper) => !paper.read).length;
  summary.textContent = `${saved.length} saved, ${unread} unread.`;
  empty.hidden = saved.length > 0;
  fill(
    list,
    saved.map((paper) => {
      const title = make(
        'h2',
        { id: `saved-${paper.id}` },
        make('a', { href: paper.url }, isolated(paper.title)),
      );
      const read = toggleButton('Read', paper.read, (on) =>
        change(saved.map((entry) => (entry.id === paper.id ? { ...entry, read: on } : entry))),
      );
      const remove = make('button', { type: 'button', textContent: 'Remove' });
      remove.onclick = () => change(saved.filter((entry) => entry.id !== paper.id));
      for (const button of [read, remove]) button.setAttribute('aria-describedby', title.id);
      return make(
        'li',
        {},
        make(
          'article',
          {},
          title,
          byline(paper.authors, paper.day),
          make('p', { className: 'actions' }, read, remove),
        ),
      );
    }),
  );
}

const say = dataControls(show);
(root.querySelector('[data-action="bibtex"]') as HTMLButtonElement).onclick = async () => {
  const { saved } = state;
  const entries = await Promise.all(
    saved.map((paper) =>
      fetch(paper.url)
        .then((response) => (response.ok ? response.text() : ''))
        .then(
          (html) =>
            new DOMParser().parseFromString(html, 'text/html').querySelector('pre[data-copy]')?.textContent,
        )
        .catch(() => undefined),
    ),
  );
  const found = entries.filter((entry) => entry);
  download('saved.bib', 'application/x-bibtex', `${found.join('\n\n')}\n`);
  say(`Exported ${found.length} of ${saved.length} BibTeX entries.`);
};

async function show(): Promise<void> {
  state = await checked();
  root.hidden = false;
  render();
}
show();
