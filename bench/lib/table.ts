import type { BenchResult } from './report.js';

const pad = (text: string, width: number): string => text.padEnd(width);

/** The results as an aligned text table: subject, baseline, ratio (and its spread), limit and verdict. */
export function formatTable(results: readonly BenchResult[]): string {
  const rows = results.map((r) => {
    const ratio = r.subjectValue / r.baselineValue;
    const value = (v: number): string => (r.unit === 'ms' ? `${v.toFixed(v < 10 ? 3 : 1)} ms` : `${v.toFixed(1)} MB`);
    const spread = r.spread ? `${r.spread[0].toFixed(2)}-${r.spread[1].toFixed(2)}` : '';
    const limit =
      r.valueLimit !== undefined ? `<= ${value(r.valueLimit)}` : r.limit === undefined ? '' : `<= ${r.limit}x`;
    const ok = r.valueLimit !== undefined ? r.subjectValue <= r.valueLimit : r.limit === undefined || ratio <= r.limit;
    return [
      r.target,
      `${r.subject} ${value(r.subjectValue)}`,
      `${r.baseline} ${value(r.baselineValue)}`,
      `${ratio.toFixed(2)}x`,
      spread,
      limit,
      limit === '' ? '' : ok ? 'ok' : 'OVER',
    ];
  });
  const header = ['target', 'subject', 'baseline', 'ratio', 'spread', 'limit', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] as string).length)));
  return [header, ...rows]
    .map((row) =>
      row
        .map((cell, i) => pad(cell, widths[i] as number))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
