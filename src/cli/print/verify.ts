import type { VerifyResult } from '../commands/verify.js';
import { formatProblems, plural } from './problems.js';
import type { Style } from './style.js';

/** `verify`: each problem with where and how to fix it, then a one-line summary. */
export function formatVerify(result: VerifyResult, style: Style): string {
  const checked = `${plural(result.files, 'cassette')}, ${plural(result.interactions, 'interaction')}`;
  if (result.files === 0) {
    return 'No cassettes found.';
  }
  if (result.problems.length === 0) {
    return `${style.green('✓')} ${checked} verified: they parse, hold no secrets and their hashes match.`;
  }
  const files = new Set(result.problems.map((p) => p.file)).size;
  return `${formatProblems(result.problems, style)}\n\n${style.red('✗')} ${plural(result.problems.length, 'problem')} in ${plural(files, 'cassette')} (${checked} checked).`;
}
