import type { PageData } from '../page-data.js';
import type { Filter, ViewerApp } from './types.js';

/** Starts the page: reads the embedded data, builds the bar, the cassette list and the timeline. */
export function installMain(app: ViewerApp): void {
  app.start = () => {
    const el = app.el;
    const source = document.getElementById('spark-data');
    app.data = JSON.parse(source?.textContent ?? '{}') as PageData;
    app.entries = [];
    app.query = '';
    app.active = new Set();
    app.current = -1;
    const diffs = app.data.diffs;
    const filters: Filter[] = diffs
      ? [
          { tag: 'changed', label: 'Changes only' },
          { tag: 'added', label: 'Added' },
          { tag: 'removed', label: 'Removed' },
        ]
      : [
          { tag: 'error', label: 'Errors' },
          { tag: 'tools', label: 'Tool calls' },
          { tag: 'flagged', label: 'Flagged' },
        ];
    const search = el('input', 'search') as HTMLInputElement;
    search.id = 'q';
    search.type = 'search';
    search.placeholder = 'Search every cassette  ( / )';
    search.setAttribute('aria-label', 'Search every cassette');
    const buttons = filters.map((filter) => {
      const button = el('button', 'filter', filter.label);
      button.setAttribute('aria-pressed', 'false');
      button.dataset['tag'] = filter.tag;
      button.addEventListener('click', () => {
        const on = !app.active.has(filter.tag);
        if (on) {
          app.active.add(filter.tag);
        } else {
          app.active.delete(filter.tag);
        }
        button.setAttribute('aria-pressed', String(on));
        app.applyFilters();
      });
      return button;
    });
    const helpButton = el('button', 'filter', '?');
    helpButton.setAttribute('aria-label', 'Keyboard shortcuts');
    const bar = el('header', 'bar', el('h1', '', app.data.title), search, el('div', 'filters', ...buttons), helpButton);
    const count = el('span', 'count dim');
    count.id = 'count';
    count.setAttribute('role', 'status');
    bar.append(count);
    const main = el('main', 'timeline');
    main.id = 'main';
    if (diffs) {
      app.buildDiff(main, diffs);
    } else {
      app.buildView(main);
    }
    const titles = diffs
      ? diffs.map((d) => d.diff.after ?? d.diff.before ?? '')
      : (app.data.cassettes ?? []).map((c) => c.file);
    const nav = el(
      'nav',
      'side',
      el('h2', '', diffs ? 'Compared cassettes' : 'Cassettes'),
      el(
        'ul',
        '',
        ...titles.map((title, c) => {
          const link = el('a', '', el('span', 'name', title), ' ', el('span', 'n', ''));
          link.setAttribute('href', `#c${c}`);
          const flagged = app.entries.some(
            (entry) => entry.section === c && (entry.tags.has('flagged') || entry.tags.has('changed')),
          );
          const problem = (app.data.cassettes?.[c]?.problems.length ?? 0) > 0;
          return el('li', flagged || problem ? 'has-flags' : '', link);
        }),
      ),
    );
    nav.setAttribute('aria-label', 'Cassettes');
    const help = el(
      'div',
      'help',
      el('h2', '', 'Keyboard'),
      el(
        'dl',
        '',
        ...[
          ['j / n', 'next interaction'],
          ['k / p', 'previous interaction'],
          [']  [', 'next / previous cassette'],
          ['/', 'search'],
          ['Esc', 'clear the search, close this'],
          ['?', 'show or hide this'],
        ].flatMap(([key, what]) => [el('dt', '', el('kbd', '', key ?? '')), el('dd', '', what ?? '')]),
      ),
    );
    help.id = 'help';
    help.hidden = true;
    help.setAttribute('role', 'dialog');
    help.setAttribute('aria-label', 'Keyboard shortcuts');
    helpButton.addEventListener('click', () => (help.hidden = !help.hidden));
    const footer = el(
      'footer',
      'dim',
      `Written by ${app.data.generator} on ${app.data.generatedAt}. Offline: this page makes no network request.`,
    );
    document.body.append(bar, el('div', 'layout', nav, main), help, footer);
    let timer: ReturnType<typeof setTimeout> | undefined;
    search.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        app.query = search.value.trim().toLowerCase();
        app.applyFilters();
      }, 120);
    });
    if (diffs && app.entries.some((entry) => entry.tags.has('changed'))) {
      buttons[0]?.click();
    } else {
      app.applyFilters();
    }
  };
}
