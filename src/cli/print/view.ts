import type { ViewResult } from '../commands/view.js';
import { formatProblems, plural } from './problems.js';
import type { Style } from './style.js';

/** `view`: where the page is, what it holds, and how to open it. */
export function formatView(result: ViewResult, style: Style): string {
  const kb = Math.max(1, Math.round(result.bytes / 1024));
  const lines = [
    `${style.green('✓')} Wrote ${style.bold(result.out)} (${kb} KB): ${plural(result.cassettes, 'cassette')}, ${plural(result.interactions, 'interaction')}${result.flagged > 0 ? `, ${result.flagged} flagged` : ''}.`,
    result.opened === undefined
      ? `Open ${result.url}`
      : result.opened
        ? `Opened ${result.url}`
        : `Could not start a browser: open ${result.url}`,
  ];
  if (result.problems.length > 0) {
    lines.unshift(formatProblems(result.problems, style), '');
  }
  return lines.join('\n');
}
