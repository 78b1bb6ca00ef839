import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFixture } from '../cassette/faults/helpers.js';
import { runVitest, type FixtureTest } from '../e2e/vitest/helpers/run-vitest.js';

// Fault injection in a user's vitest project: the fixture's `cassetteOptions.faults`, SPARK_FAULTS
// for a whole run, the toHaveInjectedFault matcher, and the note that prints the seed of a
// failing test. The same SPARK_FAULTS gives every test the same faults whether the run is whole,
// split with --shard, or on the threads pool.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURE = fileURLToPath(new URL('./fixtures/faults/', import.meta.url));
const SPARK_FAULTS = 'rate_limit=0.3,server_error=0.2,timeout=0.05,seed=4242';

interface Run {
  status: Map<string, FixtureTest['status']>;
  /** What the reporter printed for each failed test, by title. */
  printed: Map<string, string>;
  /** The faults each chaos cassette injected, by cassette name. */
  faults: Map<string, unknown>;
}

let work: string;
let baseUrl: string;

async function runFixture(name: string, args: string[], env: Record<string, string>): Promise<Run> {
  const log = join(work, `${name}.log`);
  const run = await runVitest(FIXTURE, {
    cwd: ROOT,
    args,
    env: { FAULTS_FIXTURE_DIR: join(work, 'cassettes'), FAULTS_FIXTURE_URL: baseUrl, FAULTS_FIXTURE_LOG: log, ...env },
  });
  const lines = await readFile(log, 'utf8').catch(() => '');
  return {
    status: new Map([...run.tests].map(([title, test]) => [title, test.status])),
    printed: new Map([...run.tests].map(([title, test]) => [title, test.printed])),
    faults: new Map(
      lines
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { name: string; faults: unknown })
        .map(({ name: cassette, faults }) => [cassette, faults]),
    ),
  };
}

describe('fault injection in a vitest project', () => {
  let whole: Run;
  let shards: Run[];
  let threads: Run;
  let otherSeed: Run;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'spark-faults-fixture-'));
    baseUrl = await recordFixture(join(work, 'cassettes'), 'chaos-0', { chats: 6 });
    for (let i = 1; i < 8; i++) {
      await copyFile(join(work, 'cassettes', 'chaos-0.yaml'), join(work, 'cassettes', `chaos-${i}.yaml`));
    }
    whole = await runFixture('whole', [], { SPARK_FAULTS });
    shards = await Promise.all([
      runFixture('shard-1', ['--shard=1/2'], { SPARK_FAULTS }),
      runFixture('shard-2', ['--shard=2/2'], { SPARK_FAULTS }),
    ]);
    threads = await runFixture('threads', ['--pool=threads'], { SPARK_FAULTS });
    otherSeed = await runFixture('other-seed', [], { SPARK_FAULTS: SPARK_FAULTS.replace('4242', '7') });
  }, 180_000);

  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('injects faults into every chaos cassette, and the code under test gets through them', () => {
    expect(whole.faults.size).toBe(8);
    expect([...whole.faults.values()].flat().length).toBeGreaterThan(4);
    for (let i = 0; i < 8; i++) {
      expect(whole.status.get(`chaos-${i} answers every question despite the faults`)).toBe('passed');
    }
  });

  it('gives each test the same faults from the same seed: whole, across --shard, and on threads', () => {
    const sharded = new Map([...(shards[0]?.faults ?? []), ...(shards[1]?.faults ?? [])]);
    expect(shards.every((shard) => shard.faults.size > 0)).toBe(true);
    expect(Object.fromEntries(sharded)).toEqual(Object.fromEntries(whole.faults));
    expect(Object.fromEntries(threads.faults)).toEqual(Object.fromEntries(whole.faults));
  });

  it('gives other faults with another seed', () => {
    expect(Object.fromEntries(otherSeed.faults)).not.toEqual(Object.fromEntries(whole.faults));
  });

  it('toHaveInjectedFault passes on the faults injected, and `faults: false` keeps SPARK_FAULTS off', () => {
    expect(whole.status.get('passes: toHaveInjectedFault')).toBe('passed');
    expect(whole.status.get('passes: keeps SPARK_FAULTS off this cassette')).toBe('passed');
  });

  it('toHaveInjectedFault fails with the faults that were injected', () => {
    const missing = whole.printed.get('fails: toHaveInjectedFault for a kind not injected') ?? '';
    expect(missing).toContain('expect(cassette).toHaveInjectedFault(kind)');
    expect(missing).toContain('Expected: "timeout" fault injected\nInjected: rate_limit at request 1 (429)');
    const unwanted = whole.printed.get('fails: not.toHaveInjectedFault with a fault injected') ?? '';
    expect(unwanted).toContain('expect(cassette).not.toHaveInjectedFault()');
    expect(unwanted).toContain('Expected: no fault injected\nInjected: rate_limit at request 1 (429)');
  });

  it('prints the seed of a failing test, with the command that reproduces it', () => {
    const printed = whole.printed.get('fails: prints the seed that reproduces it') ?? '';
    expect(printed).toContain(`Faults on (SPARK_FAULTS, seed 4242)`);
    expect(printed).toContain(
      `SPARK_FAULTS="${SPARK_FAULTS}" npx vitest run matchers.fixture.ts -t "fails: prints the seed that reproduces it"`,
    );
    const fromOption = whole.printed.get('fails: toHaveInjectedFault for a kind not injected') ?? '';
    expect(fromOption).toContain('Faults on (the `faults` option, seed 1)');
    const fromHook = whole.printed.get('fails: useCassette prints the seed too') ?? '';
    expect(fromHook).toContain('Faults on (the `faults` option, seed 9)');
  });
});
