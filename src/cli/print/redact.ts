import type { RedactResult } from '../commands/redact.js';
import { formatProblems, plural } from './problems.js';
import type { Style } from './style.js';

/** `redact`: per cassette the fields that change (or changed), then how to apply a dry run. */
export function formatRedact(result: RedactResult, style: Style): string {
  if (result.files === 0) {
    return 'No cassettes found.';
  }
  const blocks = result.cassettes.map((c) => {
    const verb = c.written ? 'redacted' : 'would redact';
    const lines = [`${style.bold(c.file)}: ${verb} ${plural(c.changes.length, 'interaction')}`];
    for (const change of c.changes) {
      lines.push(`  #${change.index + 1} ${change.id}: ${change.fields.join(', ')}`);
    }
    return lines.join('\n');
  });
  if (result.cassettes.length === 0) {
    blocks.push(`Nothing to redact in ${plural(result.files, 'cassette')}.`);
  } else if (!result.write) {
    blocks.push(style.dim('Dry run: nothing was changed. Run the same command with `--write` to apply it.'));
  }
  if (result.problems.length > 0) {
    blocks.push(formatProblems(result.problems, style));
  }
  return blocks.join('\n\n');
}
