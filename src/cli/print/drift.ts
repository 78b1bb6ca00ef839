import type { DriftResult } from '../commands/drift.js';
import type { DriftChange, DriftVerdict } from '../drift/types.js';
import { formatProblems, plural } from './problems.js';
import type { Style } from './style.js';

const MARKS: Record<DriftChange['kind'], string> = { added: '+', removed: '-', retyped: '~', status: '!', order: '!' };

/** `drift`: per cassette, per interaction, what changed shape; then the totals and what to do. */
export function formatDrift(result: DriftResult, style: Style): string {
  if (result.cassettes.length === 0 && result.problems.length === 0) {
    return 'No cassettes found.';
  }
  const verdict: Record<DriftVerdict, (text: string) => string> = {
    unchanged: style.green,
    added: style.yellow,
    breaking: style.red,
    skipped: style.dim,
    failed: style.red,
  };
  const blocks = result.cassettes.map((cassette) => {
    const lines = [style.bold(cassette.file)];
    for (const entry of cassette.interactions) {
      const target = entry.sentTo ? ` (sent to ${entry.sentTo})` : '';
      const written = entry.written ? ', re-recorded' : '';
      lines.push(
        `  ${entry.id}  ${entry.method} ${entry.url}${target}: ${verdict[entry.verdict](entry.verdict)}${written}`,
      );
      if (entry.reason) {
        lines.push(`    ${style.dim(entry.reason)}`);
      }
      for (const change of entry.changes) {
        const mark = MARKS[change.kind];
        const colour = change.kind === 'added' ? style.green : style.red;
        const from =
          change.recorded === undefined
            ? ''
            : change.live === undefined
              ? ` (${change.recorded})`
              : `: ${change.recorded} -> `;
        const to = change.live === undefined ? '' : change.recorded === undefined ? ` (${change.live})` : change.live;
        lines.push(`    ${colour(`${mark} ${change.kind.padEnd(7)}`)} ${change.path}${from}${to}`);
      }
    }
    return lines.join('\n');
  });
  const { checked, breaking, added, failed } = result;
  blocks.push(
    `${plural(checked, 'interaction')} checked: ${breaking} with breaking drift, ${added} with additions only` +
      `${failed > 0 ? `, ${failed} failed` : ''}.`,
  );
  if (!result.write && breaking + added > 0) {
    blocks.push(
      style.dim(
        'Run the same command with `--write` to re-record the drifted answers (the rest of each file is kept).',
      ),
    );
  }
  if (result.problems.length > 0) {
    blocks.push(formatProblems(result.problems, style));
  }
  return blocks.join('\n\n');
}
