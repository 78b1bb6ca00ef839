import type { ListResult } from '../commands/list.js';
import { formatProblems, plural } from './problems.js';
import type { Style } from './style.js';
import { formatTable } from './table.js';

/** `list` as a table, then any files that could not be read. */
export function formatList(result: ListResult, style: Style): string {
  const parts: string[] = [];
  if (result.cassettes.length === 0 && result.problems.length === 0) {
    return 'No cassettes found.';
  }
  if (result.cassettes.length > 0) {
    const rows = result.cassettes.map((c) => [
      c.name,
      String(c.interactions),
      c.models.join(', ') || '-',
      c.totalTokens === null ? '-' : String(c.totalTokens).replace(/\B(?=(\d{3})+(?!\d))/g, ','),
      formatSize(c.size),
      c.recordedAt === null ? '-' : c.recordedAt.slice(0, 16).replace('T', ' '),
    ]);
    const columns = [
      { heading: 'NAME' },
      { heading: 'INTERACTIONS', align: 'right' as const },
      { heading: 'MODELS' },
      { heading: 'TOKENS', align: 'right' as const },
      { heading: 'SIZE', align: 'right' as const },
      { heading: 'RECORDED (UTC)' },
    ];
    parts.push(
      style.enabled
        ? formatTable(columns, rows, (cell, column) => (column === 0 ? style.bold(cell) : cell))
        : formatTable(columns, rows),
    );
  }
  if (result.problems.length > 0) {
    parts.push(
      `${plural(result.problems.length, 'cassette')} could not be read:\n\n${formatProblems(result.problems, style)}`,
    );
  }
  return parts.join('\n\n');
}

/** Bytes as "812 B", "14.2 kB", "1.3 MB" (powers of 1000, as npm prints sizes). */
function formatSize(bytes: number): string {
  if (bytes < 1000) {
    return `${bytes} B`;
  }
  const [value, unit] = bytes < 1_000_000 ? [bytes / 1000, 'kB'] : [bytes / 1_000_000, 'MB'];
  return `${value.toFixed(1)} ${unit}`;
}
