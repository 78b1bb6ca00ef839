import type { ViewerApp } from './types.js';

/**
 * Keyboard: j / k (or n / p) next and previous interaction, [ and ] previous and next
 * cassette, / search, Escape clears the search, ? the list of keys.
 */
export function installKeys(app: ViewerApp): void {
  const shown = (): number[] => app.entries.flatMap((entry, i) => (entry.article.hidden ? [] : [i]));
  const focus = (index: number): void => {
    const entry = app.entries[index];
    if (!entry) {
      return;
    }
    app.current = index;
    if (!entry.rendered) {
      entry.render();
    }
    document.querySelector('article.current')?.classList.remove('current');
    entry.article.classList.add('current');
    entry.article.focus({ preventScroll: true });
    entry.article.scrollIntoView({ block: 'start' });
  };
  app.move = (delta) => {
    const list = shown();
    if (list.length === 0) {
      return;
    }
    const at = list.indexOf(app.current);
    const next = at === -1 ? (delta > 0 ? 0 : list.length - 1) : Math.min(list.length - 1, Math.max(0, at + delta));
    focus(list[next] as number);
  };
  const jumpSection = (delta: number): void => {
    const list = shown();
    const section = app.entries[app.current]?.section ?? -1;
    const target =
      delta > 0
        ? list.find((i) => (app.entries[i]?.section ?? 0) > section)
        : [...list].reverse().find((i) => (app.entries[i]?.section ?? 0) < section);
    if (target !== undefined) {
      focus(
        delta > 0 ? target : (list.find((i) => app.entries[i]?.section === app.entries[target]?.section) ?? target),
      );
    }
  };
  document.addEventListener('keydown', (event) => {
    const search = document.getElementById('q') as HTMLInputElement | null;
    const help = document.getElementById('help');
    if (event.target === search) {
      if (event.key === 'Escape' || event.key === 'Enter') {
        if (event.key === 'Escape' && search) {
          search.value = '';
          search.dispatchEvent(new Event('input'));
        }
        search?.blur();
        app.move(event.key === 'Enter' ? 1 : 0);
      }
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    const actions: Record<string, () => void> = {
      j: () => app.move(1),
      n: () => app.move(1),
      k: () => app.move(-1),
      p: () => app.move(-1),
      ']': () => jumpSection(1),
      '[': () => jumpSection(-1),
      '/': () => search?.focus(),
      '?': () => help && (help.hidden = !help.hidden),
      Escape: () => help && (help.hidden = true),
    };
    const action = actions[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  });
}
