import { warn } from '../internal/log.js';
import type { CassetteMode } from './defaults.js';
import { isFileStore, type CassetteStore } from './store.js';
import { DEFAULT_USAGE_REPORT_DIR, prepareUsageReport, writeUsageReport } from './usage-report.js';

/** What a stopping cassette knows for its usage report. */
export interface UsageToReport {
  mode: CassetteMode;
  store: CassetteStore;
  path: string;
  displayPath: string;
  /** Ids of the loaded recordings no request used. */
  unused: readonly string[];
  /** The text now on disk: what `stop()` wrote, else what was read at start. */
  text: string | undefined;
  /** sha256 of the bytes read at start, when `stop()` wrote nothing (saves reading the file again). */
  sha256: string | undefined;
  /** The stop was told the test failed, or the run had problems (misses, a lost interceptor). */
  incomplete: boolean;
}

/** Whether a cassette's stop may leave a usage report (see `reportUsage`). */
function mayReport(mode: CassetteMode, store: CassetteStore): boolean {
  return mode !== 'passthrough' && isFileStore(store);
}

/**
 * At start: readies the log the report will be appended to, in the background, so that the
 * stop does not create a file.
 */
export function readyUsageReport(mode: CassetteMode, store: CassetteStore, path: string): void {
  if (mayReport(mode, store)) {
    prepareUsageReport(path);
  }
}

/**
 * Leaves the usage report `spark-cassette prune` reads. Only a complete run may speak for the
 * file: a failed test or a miss may have skipped requests that still need their recordings,
 * `passthrough` serves nothing from the file, and another store's files are not on this disk.
 * Writing it is a courtesy: a failure is a `[spark-models]` warning, never a failed stop.
 */
export async function reportUsage(usage: UsageToReport): Promise<void> {
  if (usage.incomplete || !mayReport(usage.mode, usage.store)) {
    return;
  }
  const { path, unused, text, sha256 } = usage;
  try {
    await writeUsageReport({
      cassettePath: path,
      unused,
      ...(text === undefined ? {} : { text }),
      ...(text === undefined && sha256 !== undefined ? { sha256 } : {}),
    });
  } catch (error) {
    warn(
      `Cannot write the usage report of cassette ${usage.displayPath}: ${(error as Error).message}. ` +
        `\`spark-cassette prune\` skips this cassette until a replay reports on it; make ${DEFAULT_USAGE_REPORT_DIR} (under the working directory) writable.`,
    );
  }
}
