// The reading pages' one script, a classic script in <head> so a chosen theme applies before the first
// paint. Everything it adds is a convenience: each page works fully without it.
// Static text only: nothing from a record reaches innerHTML.
(() => {
  const root = document.documentElement;
  const store = 'paperboy-theme';
  const apply = (theme) => {
    if (theme === 'light' || theme === 'dark') root.dataset.theme = theme;
  };
  try {
    apply(localStorage.getItem(store));
  } catch {}
  const system = matchMedia('(prefers-color-scheme: dark)');
  const dark = () => (root.dataset.theme || (system.matches ? 'dark' : 'light')) === 'dark';
  const $ = (selector) => document.querySelector(selector);
  const make = (tag, attrs) => Object.assign(document.createElement(tag), attrs);

  const start = () => {
    // A toggle button: its name stays "Dark theme", aria-pressed says whether it is on.
    const toggle = make('button', { type: 'button', className: 'theme-toggle', textContent: 'Dark theme' });
    const show = () => toggle.setAttribute('aria-pressed', dark());
    toggle.onclick = () => {
      const theme = dark() ? 'light' : 'dark';
      apply(theme);
      try {
        localStorage.setItem(store, theme);
      } catch {}
      show();
    };
    system.onchange = show;
    show();
    $('.site-header nav')?.append(toggle);

    // The clipboard exists only in secure contexts; elsewhere the text stays selectable, as without script.
    if (navigator.clipboard)
      for (const block of document.querySelectorAll('pre[data-copy]')) {
        const copy = make('button', { type: 'button', className: 'copy', textContent: 'Copy' });
        copy.onclick = () =>
          navigator.clipboard.writeText(block.textContent).then(() => (copy.textContent = 'Copied'));
        block.before(copy);
      }

    const help = make('dialog', { className: 'keys', ariaLabel: 'Keyboard shortcuts' });
    help.innerHTML =
      '<dl><dt><kbd>j</kbd> <kbd>→</kbd><dd>next paper<dt><kbd>k</kbd> <kbd>←</kbd><dd>previous paper<dt><kbd>/</kbd><dd>search<dt><kbd>?</kbd><dd>this list</dl><button type="button">Close</button>';
    help.querySelector('button').onclick = () => help.close();
    document.body.append(help);

    // On a paper page, go to the next or previous paper; on a list, move the focus between its papers.
    const move = (step) => {
      const link = $(`.paper-nav a[rel="${step > 0 ? 'next' : 'prev'}"]`);
      if (link) return location.assign(link.href);
      const titles = [...document.querySelectorAll('.paper-card h2 a')];
      const at = titles.indexOf(document.activeElement);
      const next = titles[at < 0 ? (step > 0 ? 0 : titles.length - 1) : at + step];
      next?.focus();
      next?.scrollIntoView({ block: 'center' });
    };
    const steps = { j: 1, ArrowRight: 1, k: -1, ArrowLeft: -1 };
    const actions = {
      '/': () => {
        const input = $('pagefind-input input');
        if (input) input.focus();
        else location.assign($('.site-header a[href$="/search/"]').href);
      },
      '?': () => (help.open ? help.close() : help.showModal()),
    };
    // Where the arrow keys already do something: a box that scrolls sideways (a wide formula), or a
    // widget that moves its selection with them.
    const arrowsTaken = (node) =>
      /^(slider|spinbutton|listbox|radio(group)?|tab(list)?|menu(bar|item)?|grid|tree(grid)?|toolbar)$/.test(
        node.getAttribute('role'),
      ) ||
      (node.scrollWidth > node.clientWidth && /auto|scroll/.test(getComputedStyle(node).overflowX));
    document.addEventListener('keydown', (event) => {
      const step = steps[event.key];
      const action = step ? () => move(step) : actions[event.key];
      // The focus and its ancestors: typing, or arrows that scroll or move a widget, is not a shortcut.
      // composedPath: an input inside a component's shadow root still counts.
      const path = event.composedPath().filter((node) => node instanceof Element);
      const taken = path.some(
        (node) =>
          node.isContentEditable ||
          /^(INPUT|TEXTAREA|SELECT)$/.test(node.tagName) ||
          (event.key.startsWith('Arrow') && arrowsTaken(node)),
      );
      const busy = help.open && event.key !== '?';
      if (!action || taken || busy || event.altKey || event.ctrlKey || event.metaKey) return;
      event.preventDefault();
      action();
    });
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
