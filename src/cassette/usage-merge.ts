import type { DamagedLine, UsageLog, UsageReport } from './usage-log.js';

/**
 * How the lines of a cassette's logs make one report: the newest line names the latest run and
 * the text; only ids unused by every line of that run for that text stay unused (intersecting
 * twice changes nothing, so duplicated lines are harmless). Lines of older runs or other texts
 * don't narrow.
 */

/** A report with where it was read: a log's lines are in the order its writer wrote them. */
export interface PlacedReport {
  report: UsageReport;
  log: string;
  index: number;
}

export function placedReports(logs: readonly UsageLog[]): PlacedReport[] {
  return logs.flatMap((log) => log.reports.map((report, index) => ({ report, log: log.name, index })));
}

/**
 * Newest first by `when`; at the same millisecond, a later line of the same log (its writer wrote
 * it after), else run and log name, so that every reader picks the same line.
 */
export function compareAge(a: PlacedReport, b: PlacedReport): number {
  return (
    Date.parse(a.report.when) - Date.parse(b.report.when) ||
    compareText(a.report.run, b.report.run) ||
    compareText(a.log, b.log) ||
    a.index - b.index
  );
}

export function newestOf(reports: readonly PlacedReport[]): PlacedReport | undefined {
  let newest: PlacedReport | undefined;
  for (const placed of reports) {
    if (newest === undefined || compareAge(placed, newest) > 0) {
      newest = placed;
    }
  }
  return newest;
}

/**
 * A damaged line may have been any report of its run written before `before`: it matters when
 * it may belong to the latest run or be newer than the newest line read.
 */
export function mayBeLatest(damaged: DamagedLine, newest: UsageReport): boolean {
  return damaged.run === newest.run || damaged.before >= Date.parse(newest.when);
}

/**
 * One cassette's report from all the logs of its directory, or undefined when there is none
 * or a damaged line may speak for the latest run (a lost line must never make an id unused).
 */
export function mergeReports(cassettePath: string, logs: readonly UsageLog[]): UsageReport | undefined {
  const reports = placedReports(logs).filter(({ report }) => report.cassettePath === cassettePath);
  const newest = newestOf(reports)?.report;
  if (newest === undefined || logs.some((log) => log.damaged.some((d) => mayBeLatest(d, newest)))) {
    return undefined;
  }
  const sameRunAndText = reports
    .map(({ report }) => report)
    .filter((report) => report.run === newest.run && report.cassetteSha256 === newest.cassetteSha256);
  return { ...newest, unused: unusedByAll(newest, sameRunAndText) };
}

/** Every cassette reported on in the logs of one directory (paths sharing a key share one). */
export function cassettePathsOf(logs: readonly UsageLog[]): Set<string> {
  return new Set(logs.flatMap((log) => log.reports.map((report) => report.cassettePath)));
}

/**
 * The lines of one run as few lines saying the same: one per cassette and text (the newest,
 * with only the ids every line of that text left unused), oldest first so that their order
 * still says which is newest; one damaged marker (the latest).
 */
export function collapseRun(
  reports: readonly PlacedReport[],
  damaged: readonly DamagedLine[],
): { reports: UsageReport[]; damaged: DamagedLine[] } {
  const groups = new Map<string, PlacedReport[]>();
  for (const placed of reports) {
    const key = `${placed.report.run}\n${placed.report.cassettePath}\n${placed.report.cassetteSha256}`;
    groups.set(key, [...(groups.get(key) ?? []), placed]);
  }
  const collapsed = [...groups.values()].map((group) => {
    const newest = newestOf(group) as PlacedReport;
    const report = {
      ...newest.report,
      unused: unusedByAll(
        newest.report,
        group.map((p) => p.report),
      ),
    };
    return { ...newest, report };
  });
  const byRun = new Map<string, DamagedLine>();
  for (const line of damaged) {
    const known = byRun.get(line.run);
    byRun.set(line.run, { run: line.run, before: Math.max(line.before, known?.before ?? -Infinity) });
  }
  return { reports: collapsed.sort(compareAge).map((p) => p.report), damaged: [...byRun.values()] };
}

function unusedByAll(newest: UsageReport, reports: readonly UsageReport[]): string[] {
  const others = reports.filter((report) => report !== newest).map((report) => new Set(report.unused));
  return newest.unused.filter((id) => others.every((unused) => unused.has(id)));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
