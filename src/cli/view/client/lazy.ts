import type { Entry, ViewerApp } from './types.js';

/**
 * Lazy bodies: an interaction's body is drawn when it comes within a screen or two of the
 * viewport, so a cassette of a thousand interactions opens with a few dozen drawn. Printing
 * draws everything first.
 */
export function installLazy(app: ViewerApp): void {
  const byArticle = new Map<Element, Entry>();
  const observer = new IntersectionObserver(
    (changes) => {
      for (const change of changes) {
        const entry = byArticle.get(change.target);
        if (change.isIntersecting && entry && !entry.rendered) {
          entry.render();
        }
      }
    },
    { rootMargin: '1200px 0px' },
  );
  app.observe = (entry) => {
    byArticle.set(entry.article, entry);
    observer.observe(entry.article);
  };
  app.renderAll = () => {
    for (const entry of app.entries) {
      if (!entry.rendered) {
        entry.render();
      }
    }
    for (const details of document.querySelectorAll('details')) {
      details.open = true;
    }
    for (const fold of document.querySelectorAll<HTMLButtonElement>('button.fold')) {
      fold.click();
    }
  };
  window.addEventListener('beforeprint', () => app.renderAll());
  // Print preview and emulated print media change this without a beforeprint event.
  matchMedia('print').addEventListener('change', (event) => {
    if (event.matches) {
      app.renderAll();
    }
  });
}
