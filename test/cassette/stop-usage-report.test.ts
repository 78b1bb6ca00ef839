import { mkdir, readFile, rm } from 'node:fs/promises';
import { describe, expect, test, vi } from 'vitest';
import { parseCassette, startCassette, type CassetteMode, type CassetteStore } from '../../src/cassette/index.js';
import { cassetteDigest, readUsageReport, usageLogDir, usageLogPath } from '../../src/cassette/usage-report.js';
import { startOpenAIServer } from '../helpers/openai-server.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { chat, rawClient } from './helpers/clients.js';

const dir = useTempDir('spark-stop-report-');

/**
 * Records three questions into `session.yaml`, as an earlier run would; resolves to the base
 * URL the recordings hold and their ids.
 */
async function recordThree(): Promise<{ baseUrl: string; ids: string[]; close(): Promise<void> }> {
  const server = await startOpenAIServer('01');
  const cassette = await startCassette('session', { dir: dir.path, mode: 'record' });
  const client = rawClient(server.baseUrl);
  for (const n of [1, 2, 3]) {
    await client.chat.completions.create(chat(`question ${n}`));
  }
  const { path } = await cassette.stop();
  // Replays come in later runs: this process's report of the recording would narrow theirs.
  await rm(usageLogDir(path), { recursive: true, force: true });
  const ids = parseCassette(await readFile(path, 'utf8'), path).interactions.map((i) => i.id);
  return { baseUrl: server.baseUrl, ids, close: () => server.close() };
}

/** Asks the questions numbered `which` in `mode`, then stops; resolves to the stop's outcome. */
async function runAndStop(
  baseUrl: string,
  which: number[],
  mode: CassetteMode,
  options: { store?: CassetteStore; failed?: boolean } = {},
) {
  const cassette = await startCassette('session', {
    dir: dir.path,
    mode,
    ...(options.store ? { store: options.store } : {}),
  });
  const client = rawClient(baseUrl);
  for (const n of which) {
    await client.chat.completions.create(chat(`question ${n}`)).catch(() => undefined);
  }
  return cassette.stop({ failed: options.failed === true }).then(
    (summary) => ({ summary, error: undefined }),
    (error: unknown) => ({ summary: cassette.summary, error }),
  );
}

describe('the usage report at stop()', () => {
  test('lists the recordings a clean replay left unused, tied to the file text', async () => {
    const { baseUrl, ids, close } = await recordThree();
    await close();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const { summary } = await runAndStop(baseUrl, [1], 'replay');
      const report = await readUsageReport(summary?.path ?? '');
      expect(report?.unused).toEqual(ids.slice(1));
      expect(report?.cassetteSha256).toBe(cassetteDigest(await readFile(summary?.path ?? '', 'utf8')));
    } finally {
      warn.mockRestore();
    }
  });

  test('reports on the text it wrote in record and auto modes', async () => {
    const { baseUrl, ids, close } = await recordThree();
    try {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      const auto = await runAndStop(baseUrl, [3, 4], 'auto');
      warn.mockRestore();
      const path = auto.summary?.path ?? '';
      expect(auto.summary).toMatchObject({ replayed: 1, recorded: 1, written: true });
      expect(await readUsageReport(path)).toMatchObject({
        unused: ids.slice(0, 2),
        cassetteSha256: cassetteDigest(await readFile(path, 'utf8')),
      });

      await runAndStop(baseUrl, [1], 'record');
      expect(await readUsageReport(path)).toMatchObject({
        unused: [],
        cassetteSha256: cassetteDigest(await readFile(path, 'utf8')),
      });
    } finally {
      await close();
    }
  });

  test('is not written after a failed test, a miss, a passthrough run or with another store', async () => {
    const { baseUrl, close } = await recordThree();
    try {
      const path = (await runAndStop(baseUrl, [], 'passthrough')).summary?.path ?? '';
      expect(await readUsageReport(path)).toBeUndefined();

      const missed = await runAndStop(baseUrl, [1, 9], 'replay');
      expect(missed.error).toMatchObject({ name: 'CassetteMissError' });
      expect(await readUsageReport(path)).toBeUndefined();

      expect((await runAndStop(baseUrl, [1, 2, 3], 'replay', { failed: true })).error).toBeUndefined();
      expect(await readUsageReport(path)).toBeUndefined();

      const text = await readFile(path, 'utf8');
      const store: CassetteStore = { read: async () => text, write: async () => undefined };
      expect((await runAndStop(baseUrl, [1, 2, 3], 'replay', { store })).error).toBeUndefined();
      expect(await readUsageReport(path)).toBeUndefined();
    } finally {
      await close();
    }
  });

  test('turns a failure to write the report into a [spark-models] warning, and the stop still succeeds', async () => {
    const { baseUrl, close } = await recordThree();
    await close();
    const path = `${dir.path}/session.yaml`;
    // A directory where this thread's log goes: appending to it fails.
    await mkdir(usageLogPath(path), { recursive: true });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const { summary, error } = await runAndStop(baseUrl, [1, 2, 3], 'replay');
      expect(error).toBeUndefined();
      expect(summary?.replayed).toBe(3);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]?.[0])).toMatch(
        /^\[spark-models\] Cannot write the usage report of cassette .*session\.yaml: .*EISDIR.*\. `spark-cassette prune` skips this cassette until a replay reports on it; make \.spark-cache\/cassette-usage \(under the working directory\) writable\.$/,
      );
    } finally {
      warn.mockRestore();
      await rm(usageLogDir(path), { recursive: true, force: true });
    }
  });
});
