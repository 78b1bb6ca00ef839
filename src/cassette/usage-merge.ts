import type { DamagedLine, UsageLog, UsageReport } from './usage-log.js';

/**
 * How the lines of a cassette's logs make one report: the newest line (by `when`, then run
 * and text, so every reader picks the same one) names the latest run and the text; only ids
 * unused by every line of that run for that text stay unused (intersecting twice changes
 * nothing, so duplicated lines are harmless). Lines of older runs or other texts don't narrow.
 */

export function isNewer(a: UsageReport, b: UsageReport): boolean {
  const byTime = Date.parse(a.when) - Date.parse(b.when);
  if (byTime !== 0) {
    return byTime > 0;
  }
  return a.run === b.run ? a.cassetteSha256 > b.cassetteSha256 : a.run > b.run;
}

export function newestOf(reports: readonly UsageReport[]): UsageReport | undefined {
  let newest: UsageReport | undefined;
  for (const report of reports) {
    if (newest === undefined || isNewer(report, newest)) {
      newest = report;
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
  const reports = logs.flatMap((log) => log.reports).filter((report) => report.cassettePath === cassettePath);
  const newest = newestOf(reports);
  if (newest === undefined || logs.some((log) => log.damaged.some((d) => mayBeLatest(d, newest)))) {
    return undefined;
  }
  const sameRunAndText = reports.filter(
    (report) => report.run === newest.run && report.cassetteSha256 === newest.cassetteSha256,
  );
  return { ...newest, unused: unusedByAll(newest, sameRunAndText) };
}

/** Every cassette reported on in the logs of one directory (paths sharing a key share one). */
export function cassettePathsOf(logs: readonly UsageLog[]): Set<string> {
  return new Set(logs.flatMap((log) => log.reports.map((report) => report.cassettePath)));
}

/**
 * The lines of one run as few lines saying the same: one per cassette and text (the newest,
 * with only the ids every line of that text left unused), one damaged marker (the latest).
 */
export function collapseRun(
  reports: readonly UsageReport[],
  damaged: readonly DamagedLine[],
): { reports: UsageReport[]; damaged: DamagedLine[] } {
  const groups = new Map<string, UsageReport[]>();
  for (const report of reports) {
    const key = `${report.run}\n${report.cassettePath}\n${report.cassetteSha256}`;
    groups.set(key, [...(groups.get(key) ?? []), report]);
  }
  const collapsed = [...groups.values()].map((group) => {
    const newest = newestOf(group) as UsageReport;
    return { ...newest, unused: unusedByAll(newest, group) };
  });
  collapsed.sort((a, b) => (isNewer(a, b) ? 1 : isNewer(b, a) ? -1 : 0));
  const byRun = new Map<string, DamagedLine>();
  for (const line of damaged) {
    const known = byRun.get(line.run);
    byRun.set(line.run, { run: line.run, before: Math.max(line.before, known?.before ?? -Infinity) });
  }
  return { reports: collapsed, damaged: [...byRun.values()] };
}

function unusedByAll(newest: UsageReport, reports: readonly UsageReport[]): string[] {
  const others = reports.filter((report) => report !== newest).map((report) => new Set(report.unused));
  return newest.unused.filter((id) => others.every((unused) => unused.has(id)));
}
