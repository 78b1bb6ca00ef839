import { describe, expect, test } from 'vitest';
import { startCassette } from '../../../src/cassette/index.js';
import { draw } from '../../../src/cassette/faults/draw.js';
import type { FaultsOptions, InjectedFault } from '../../../src/cassette/faults/types.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { finished, spawnFixture } from '../helpers/child.js';
import { question, recordFixture } from './helpers.js';

// Which requests get a fault depends on the seed, the cassette's name, the rule and the request
// only: never on Math.random, timing, the process or the order of concurrent requests.

const dir = useTempDir('spark-faults-seed-');

/** Replays q1..q`count` (each until answered) under `faults`; returns what was injected. */
async function faultsOf(name: string, baseUrl: string, count: number, faults: FaultsOptions, concurrent = false) {
  const cassette = await startCassette(name, { dir: dir.path, mode: 'replay', faults });
  const ask = async (n: number): Promise<void> => {
    for (let attempt = 0; attempt < 20; attempt++) {
      const response = await fetch(`${baseUrl}/chat/completions`, {
        method: 'POST',
        body: JSON.stringify(question(n)),
      });
      if (response.status === 200) {
        return;
      }
    }
  };
  const numbers = Array.from({ length: count }, (_, i) => i + 1);
  if (concurrent) {
    await Promise.all(numbers.map(ask));
  } else {
    for (const n of numbers) {
      await ask(n);
    }
  }
  await cassette.stop();
  return [...cassette.faults];
}

describe('seeded fault choice', () => {
  test('the same seed gives the same faults, another seed others', async () => {
    const baseUrl = await recordFixture(dir.path, 'seeded', { chats: 12 });
    const faults = (seed: number): FaultsOptions => ({
      seed,
      rules: [
        { kind: 'rate_limit', rate: 0.3 },
        { kind: 'server_error', rate: 0.2, retryAfterMs: 0 },
      ],
    });
    const first = await faultsOf('seeded', baseUrl, 12, faults(42));
    const again = await faultsOf('seeded', baseUrl, 12, faults(42));
    const other = await faultsOf('seeded', baseUrl, 12, faults(43));
    expect(first.length).toBeGreaterThan(2);
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
  });

  test('a rate draws per request content and try, so concurrent requests get the same faults in any order', async () => {
    const baseUrl = await recordFixture(dir.path, 'concurrent', { chats: 10 });
    const faults: FaultsOptions = { seed: 5, rules: [{ kind: 'rate_limit', rate: 0.4 }] };
    const kinds = (list: InjectedFault[]): string[] => list.map((f) => `${f.kind} ${f.status}`).sort();
    // Which requests (by content) got how many faults: the request numbers differ with arrival order.
    const sequential = await faultsOf('concurrent', baseUrl, 10, faults);
    const concurrent = await faultsOf('concurrent', baseUrl, 10, faults, true);
    expect(sequential.length).toBeGreaterThan(0);
    expect(kinds(concurrent)).toEqual(kinds(sequential));
  });

  test('two processes with the same SPARK_FAULTS inject the same faults, without Math.random', async () => {
    // 40 requests: the number of faults follows a negative binomial (here mean about 26); with
    // 15, a run had two or fewer about once in 70, and the check below failed.
    const baseUrl = await recordFixture(dir.path, 'processes', { chats: 40 });
    const run = async (random: string): Promise<unknown> => {
      const child = spawnFixture('faults-child.ts', {
        CHILD_NAME: 'processes',
        CHILD_DIR: dir.path,
        CHILD_COUNT: '40',
        CHILD_BASE_URL: baseUrl,
        CHILD_RANDOM: random,
        SPARK_FAULTS: 'rate_limit=0.25,overloaded=0.1,connection_reset=0.1,seed=99',
      });
      const { code, stdout, stderr } = await finished(child);
      expect(code, stderr).toBe(0);
      return JSON.parse(stdout.trim().split('\n').at(-1) ?? 'null');
    };
    const [one, two] = await Promise.all([run('0.01'), run('0.99')]);
    expect((one as unknown[]).length).toBeGreaterThan(2);
    expect(two).toEqual(one);
  }, 60_000);

  test('a rate is the share of requests that get the fault', () => {
    for (const rate of [0.05, 0.2, 0.5]) {
      const hits = Array.from({ length: 20_000 }, (_, k) => draw(1, 'chat/hello', 0, `hash${k}#1`)).filter(
        (value) => value < rate,
      ).length;
      expect(Math.abs(hits / 20_000 - rate)).toBeLessThan(0.015);
    }
    // Each part of the key changes the draw.
    const base = draw(1, 'a', 0, 'h#1');
    expect([
      draw(2, 'a', 0, 'h#1'),
      draw(1, 'b', 0, 'h#1'),
      draw(1, 'a', 1, 'h#1'),
      draw(1, 'a', 0, 'h#2'),
    ]).not.toContain(base);
  });

  test('`on` counts every request the cassette sees, retries included; `times` caps a rule', async () => {
    const baseUrl = await recordFixture(dir.path, 'numbers', { chats: 4 });
    const onFaults = await faultsOf('numbers', baseUrl, 4, { rules: [{ kind: 'rate_limit', on: [2, 3, 5] }] });
    // q1 (1), q2 fails (2) and fails again (3), then is answered (4); q3 fails (5), is answered (6); q4 (7).
    expect(onFaults.map((f) => f.request)).toEqual([2, 3, 5]);
    const capped = await faultsOf('numbers', baseUrl, 4, {
      rules: [{ kind: 'server_error', rate: 1, times: 2, retryAfterMs: 0 }],
    });
    expect(capped.map((f) => f.request)).toEqual([1, 2]);
  });

  test('`when` sees the request: path, API, model, tools, stream flag and body', async () => {
    const baseUrl = await recordFixture(dir.path, 'when', { chats: 2 });
    const seen: unknown[] = [];
    const injected = await faultsOf('when', baseUrl, 2, {
      rules: [
        {
          kind: 'context_window',
          when: (request) => {
            seen.push({ ...request, body: undefined });
            return request.number === 2 && request.model === 'gpt-4o-mini';
          },
        },
      ],
    });
    expect(injected).toEqual([expect.objectContaining({ request: 2, kind: 'context_window', status: 400 })]);
    expect(seen[0]).toEqual({
      number: 1,
      method: 'POST',
      url: `${baseUrl}/chat/completions`,
      path: '/v1/chat/completions',
      api: 'chat',
      model: 'gpt-4o-mini',
      toolNames: [],
      stream: false,
      body: undefined,
    });
  });
});
