import type { ViewerApp } from './types.js';

/**
 * Element helpers. Every piece of cassette text reaches the page through `textContent` or a
 * text node, never as HTML: a cassette is untrusted input.
 */
export function installDom(app: ViewerApp): void {
  app.el = (tag, className, ...children) => {
    const element = document.createElement(tag);
    if (className) {
      element.className = className;
    }
    for (const child of children) {
      if (child !== null && child !== undefined && child !== false) {
        element.append(typeof child === 'string' ? document.createTextNode(child) : child);
      }
    }
    return element;
  };
  app.marked = (text) => {
    const fragment = document.createDocumentFragment();
    const query = app.query;
    if (!query) {
      fragment.append(document.createTextNode(text));
      return fragment;
    }
    const lower = text.toLowerCase();
    let at = 0;
    for (let found = lower.indexOf(query); found !== -1; found = lower.indexOf(query, at)) {
      fragment.append(document.createTextNode(text.slice(at, found)));
      fragment.append(app.el('mark', '', text.slice(found, found + query.length)));
      at = found + query.length;
    }
    fragment.append(document.createTextNode(text.slice(at)));
    return fragment;
  };
  app.json = (value) => {
    const text = typeof value === 'string' ? value : (JSON.stringify(value, null, 2) ?? String(value));
    return app.el('pre', 'code', app.marked(text));
  };
}
