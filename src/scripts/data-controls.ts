/**
 * Export, import and clear of everything a reader keeps (PersonalData.astro's buttons): an imported
 * file replaces the state once `readPersonal` accepts it, without the entries it left out, and the
 * reader is told how many; a file it refuses changes nothing, and the reader is told why.
 */
import { MAX_PERSONAL_BYTES, PERSONAL_KEY, readPersonal, writePersonal } from '../lib/site/follows.ts';
import { download } from './lists.ts';
import { load, store } from './personal.ts';

export function dataControls(changed: () => void): void {
  const status = document.querySelector('.personal-status') as HTMLElement;
  const say = (text: string) => {
    status.textContent = text;
  };
  (document.querySelector('[data-action="export"]') as HTMLButtonElement).onclick = () =>
    download('paperboy.json', 'application/json', writePersonal(load()));
  const file = document.querySelector('[data-action="import"]') as HTMLInputElement;
  file.onchange = async () => {
    const chosen = file.files?.[0];
    file.value = '';
    if (!chosen) return;
    try {
      if (chosen.size > MAX_PERSONAL_BYTES) throw new Error('it is larger than 2 MB');
      const { personal, left } = readPersonal(await chosen.text());
      store(personal);
      say(`Imported ${chosen.name}${left ? `, without ${left} entries that were not valid` : ''}.`);
      changed();
    } catch (error) {
      say(`${chosen.name} was not imported: ${(error as Error).message}.`);
    }
  };
  (document.querySelector('[data-action="clear"]') as HTMLButtonElement).onclick = () => {
    if (!confirm('Clear everything you follow and save on this site, in this browser?')) return;
    localStorage.removeItem(PERSONAL_KEY);
    say('Cleared.');
    changed();
  };
}
