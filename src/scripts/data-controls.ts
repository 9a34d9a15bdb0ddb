/**
 * Export, import and clear of everything a reader keeps (PersonalData.astro's buttons). An imported
 * file is checked by the worker (site/follows.ts's `readPersonal`): a file it refuses changes nothing
 * and the reader is told why; one it accepts replaces the state, without the entries it left out, and
 * the reader is told how many.
 */
import { MAX_PERSONAL_BYTES, PERSONAL_KEY } from '../lib/site/follows.ts';
import { download } from './lists.ts';
import { ask, store, storedText } from './personal.ts';

/** Wires the buttons; returns what says a result in the section's status line. */
export function dataControls(changed: () => void): (text: string) => void {
  const status = document.querySelector('.personal-status') as HTMLElement;
  const say = (text: string) => {
    status.textContent = text;
  };
  (document.querySelector('[data-action="export"]') as HTMLButtonElement).onclick = () =>
    download('paperboy.json', 'application/json', storedText());
  const file = document.querySelector('[data-action="import"]') as HTMLInputElement;
  file.onchange = async () => {
    const chosen = file.files?.[0];
    file.value = '';
    if (!chosen) return;
    const reply =
      chosen.size > MAX_PERSONAL_BYTES
        ? { error: 'it is larger than 2 MB' }
        : await ask({ read: await chosen.text() });
    if ('error' in reply) return say(`${chosen.name} was not imported: ${reply.error}.`);
    if (!('personal' in reply)) return;
    store(reply.personal);
    say(`Imported ${chosen.name}${reply.left ? `, without ${reply.left} invalid entries` : ''}.`);
    changed();
  };
  (document.querySelector('[data-action="clear"]') as HTMLButtonElement).onclick = () => {
    if (!confirm('Clear all you follow and save here?')) return;
    localStorage.removeItem(PERSONAL_KEY);
    say('Cleared.');
    changed();
  };
  return say;
}
