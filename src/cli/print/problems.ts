import type { Problem } from '../problem.js';
import type { Style } from './style.js';

/**
 * Problems as an editor-friendly list: `file:line` first (clickable in most terminals), then
 * the message, then what to do.
 */
export function formatProblems(problems: readonly Problem[], style: Style): string {
  return problems
    .map((problem) => {
      const where = style.bold(`${problem.file}${problem.line ? `:${problem.line}` : ''}`);
      const lines = [`${where}  ${style.red(problem.code)}`, `  ${problem.message}`];
      if (problem.fix) {
        lines.push(`  ${style.dim('fix:')} ${problem.fix}`);
      }
      return lines.join('\n');
    })
    .join('\n\n');
}

/** "1 problem" / "3 problems". */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
