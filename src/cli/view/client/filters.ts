import type { ViewerApp } from './types.js';

/**
 * Search and filters across every cassette: an entry is shown when its text holds the search
 * (case-insensitive) and it has every active filter's tag; sections with nothing shown hide.
 */
export function installFilters(app: ViewerApp): void {
  app.applyFilters = () => {
    const counts = new Map<number, number>();
    let shown = 0;
    for (const entry of app.entries) {
      const visible =
        [...app.active].every((tag) => entry.tags.has(tag)) && (!app.query || entry.haystack().includes(app.query));
      entry.article.hidden = !visible;
      if (visible) {
        shown++;
        counts.set(entry.section, (counts.get(entry.section) ?? 0) + 1);
        if (entry.rendered) {
          // Drawn again so the search's marks follow it.
          entry.render();
        }
      }
    }
    document.querySelectorAll<HTMLElement>('section.cassette').forEach((section, c) => {
      const count = counts.get(c) ?? 0;
      const filtering = app.query !== '' || app.active.size > 0;
      section.hidden = filtering && count === 0;
      const link = document.querySelector(`nav a[href="#c${c}"] .n`);
      if (link) {
        link.textContent = filtering ? `${count}` : `${section.querySelectorAll('article').length}`;
      }
    });
    const status = document.getElementById('count');
    if (status) {
      status.textContent = `${shown} of ${app.entries.length} interactions`;
    }
  };
}
