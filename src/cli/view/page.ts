import { createHash } from 'node:crypto';
import { installDiffView } from './client/diff-view.js';
import { installDom } from './client/dom.js';
import { installExchange } from './client/exchange.js';
import { installFilters } from './client/filters.js';
import { installKeys } from './client/keys.js';
import { installLazy } from './client/lazy.js';
import { installMain } from './client/main.js';
import { installView } from './client/view.js';
import type { PageData } from './page-data.js';
import { PAGE_CSS } from './page-style.js';

// The page script is these functions' own source (`client/types.ts` says why each is self-contained).
const PARTS = [
  installDom,
  installExchange,
  installView,
  installDiffView,
  installLazy,
  installFilters,
  installKeys,
  installMain,
];

/** The page's script: each part added to one `app`, then started. */
export function pageScript(): string {
  // `__name`: tsx and other esbuild-based runners wrap named functions in this helper when
  // they load the sources; the built package does not, and then it is unused.
  return `"use strict";\nconst __name = (fn) => fn;\nconst app = {};\n${PARTS.map((part) => `(${part.toString()})(app);`).join('\n')}\napp.start();\n`;
}

/**
 * One self-contained HTML page: the data as inert JSON, the stylesheet and script inline and
 * allowed by hash in a Content-Security-Policy that forbids everything else (no request of any
 * kind, no other script, no plug-in, no form, no base URL).
 */
export function renderPage(data: PageData): string {
  const script = pageScript();
  const csp = [
    "default-src 'none'",
    `script-src '${sha256(script)}'`,
    `style-src '${sha256(PAGE_CSS)}'`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(data.title)}</title>
<style>${PAGE_CSS}</style>
</head>
<body>
<noscript>This page draws the cassettes with JavaScript; allow scripts for this file to see them.</noscript>
<script type="application/json" id="spark-data">${embedJson(data)}</script>
<script>${script}</script>
</body>
</html>
`;
}

/**
 * JSON that is safe inside a `<script>` element: every `<` escaped, so no `</script>` or
 * `<!--` in cassette text can end the element. `JSON.parse` reads the escapes back.
 */
export function embedJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

function sha256(text: string): string {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
