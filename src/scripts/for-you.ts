/**
 * `/for-you/`: the reader's follows, edited in place, and the papers of `recent.json` that match them,
 * newest first. The page's forms and topic boxes are in its HTML, hidden until this script runs.
 */
import type { FollowKind, Personal } from '../lib/site/follows.ts';
import { byline } from './lists.ts';
import { ask, base, checked, fill, isolated, make, matched, store } from './personal.ts';

const root = document.querySelector('.personal') as HTMLElement;
const list = root.querySelector('.paper-rows') as HTMLOListElement;
const summary = root.querySelector('.for-you-summary') as HTMLElement;
/** The checked state this page shows and changes. */
let state: Personal;
let renders = 0;

function change(kind: FollowKind, term: string, on: boolean): void {
  const { follows } = state;
  follows[kind] = follows[kind].filter((followed) => followed !== term);
  if (on) follows[kind].push(term);
  store(state);
  render();
}

function render(): void {
  const { follows } = state;
  for (const box of root.querySelectorAll<HTMLInputElement>('input[name="topic"]'))
    box.checked = follows.topics.includes(box.value);
  for (const form of root.querySelectorAll<HTMLFormElement>('form[data-kind]')) {
    const kind = form.dataset.kind as FollowKind;
    fill(
      form.querySelector('ul') as HTMLUListElement,
      follows[kind].map((term) => {
        const remove = make('button', { type: 'button', textContent: 'Remove' });
        remove.setAttribute('aria-label', `Remove ${term}`);
        remove.onclick = () => change(kind, term, false);
        return make('li', {}, isolated(term), ' ', remove);
      }),
    );
  }
  const turn = ++renders;
  if (!(follows.topics.length + follows.keywords.length + follows.authors.length)) {
    summary.textContent = 'Follow a topic, a keyword or an author to see their papers here.';
    list.replaceChildren();
    return;
  }
  matched(follows).then(({ papers, total, days }) => {
    // A later change may have answered first: only the newest follows' answer is shown.
    if (turn !== renders) return;
    summary.textContent = `${papers.length} of the ${total} papers of the latest ${days === 1 ? 'day' : `${days} days`} match.`;
    fill(
      list,
      papers.map(([id, day, title, authors]) =>
        make(
          'li',
          {},
          make(
            'article',
            {},
            make('h2', {}, make('a', { href: `${base}papers/${encodeURIComponent(id)}/` }, isolated(title))),
            byline(authors, day),
          ),
        ),
      ),
    );
  });
}

for (const box of root.querySelectorAll<HTMLInputElement>('input[name="topic"]'))
  box.onchange = () => change('topics', box.value, box.checked);
for (const form of root.querySelectorAll<HTMLFormElement>('form[data-kind]')) {
  const input = form.querySelector('input') as HTMLInputElement;
  const problem = form.querySelector('.problem') as HTMLElement;
  const kind = form.dataset.kind as FollowKind;
  form.onsubmit = async (event) => {
    event.preventDefault();
    const term = input.value.trim();
    // The worker checks a typed term as it checks an imported one.
    const reply = await ask({ read: JSON.stringify({ paperboy: 1, follows: { [kind]: [term] } }) });
    problem.textContent =
      'left' in reply && !reply.left
        ? ''
        : 'Type a word or a name with a letter or digit, at most 300 characters.';
    if (problem.textContent) return;
    change(kind, term, true);
    input.value = '';
  };
}
async function show(): Promise<void> {
  state = await checked();
  root.hidden = false;
  render();
}
show();
