/** A column of a text table: its heading and whether numbers line up on the right. */
export interface Column {
  heading: string;
  align?: 'left' | 'right';
}

/**
 * A plain text table: headings, then one line per row, columns padded to the widest cell and
 * separated by two spaces. `decorate` styles a cell after padding (colour codes have no width).
 */
export function formatTable(
  columns: readonly Column[],
  rows: readonly (readonly string[])[],
  decorate: (text: string, column: number, row: number) => string = (t) => t,
): string {
  const widths = columns.map((column, i) =>
    Math.max(column.heading.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: readonly string[], row: number): string =>
    columns
      .map((column, i) => {
        const cell = cells[i] ?? '';
        const last = i === columns.length - 1;
        const padded =
          column.align === 'right' ? cell.padStart(widths[i] ?? 0) : last ? cell : cell.padEnd(widths[i] ?? 0);
        return row < 0 ? padded : decorate(padded, i, row);
      })
      .join('  ');
  return [
    line(
      columns.map((c) => c.heading),
      -1,
    ),
    ...rows.map((cells, row) => line(cells, row)),
  ].join('\n');
}
