import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { readUsageReports, usageLogDir } from '../../src/cassette/usage-report.js';

/**
 * A fresh directory under the OS temp dir for each test, removed afterwards with the usage
 * reports that cassettes in it left in the working directory (`Cassette.stop()` writes one per
 * replay). Read `.path` inside a test (it changes per test).
 */
export function useTempDir(prefix: string): { readonly path: string } {
  const state = { path: '' };
  beforeEach(async () => {
    state.path = await mkdtemp(join(tmpdir(), prefix));
  });
  afterEach(async () => {
    await rm(state.path, { recursive: true, force: true });
    await removeUsageReportsUnder(state.path);
  });
  return state;
}

/** Every file under `root`, as paths relative to it. */
export async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(root.length + 1));
}

// Reports of cassettes under `root` would otherwise pile up in .spark-cache, one per test run.
async function removeUsageReportsUnder(root: string): Promise<void> {
  for (const cassettePath of (await readUsageReports()).keys()) {
    if (cassettePath.startsWith(`${root}${sep}`)) {
      await rm(usageLogDir(cassettePath), { recursive: true, force: true });
    }
  }
}
