import type { PruneResult, PruneStatus } from '../commands/prune.js';
import { formatProblems, plural } from './problems.js';
import type { Style } from './style.js';

const HEADINGS: Record<PruneStatus, string> = {
  'would-prune': 'would remove',
  pruned: 'removed',
  'all-used': 'every interaction used',
  'no-report': 'skipped',
  stale: 'skipped',
};

/** `prune`: per cassette what goes (or went), what was skipped and why, and how to apply a dry run. */
export function formatPrune(result: PruneResult, style: Style): string {
  if (result.cassettes.length === 0 && result.problems.length === 0) {
    return 'No cassettes found.';
  }
  const blocks = result.cassettes.map((c) => {
    const lines = [
      `${style.bold(c.file)}: ${HEADINGS[c.status]}${c.removed.length > 0 ? ` ${plural(c.removed.length, 'interaction')}, ${c.remaining} left` : ''}`,
    ];
    if (c.reason) {
      lines.push(`  ${style.yellow(c.status)}: ${c.reason}`);
    }
    for (const r of c.removed) {
      lines.push(`  ${style.red('-')} #${r.index + 1} ${r.id}  ${r.method} ${r.url}`);
    }
    return lines.join('\n');
  });
  const removable = result.cassettes.reduce((n, c) => n + (c.status === 'would-prune' ? c.removed.length : 0), 0);
  if (!result.write && removable > 0) {
    blocks.push(
      style.dim(
        `Dry run: nothing was changed. Run the same command with \`--write\` to remove ${plural(removable, 'interaction')}.`,
      ),
    );
  }
  if (result.problems.length > 0) {
    blocks.push(formatProblems(result.problems, style));
  }
  return blocks.join('\n\n');
}
