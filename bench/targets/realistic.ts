// The realistic replay workload (bench/lib/realistic-cassette.ts): distinct agent requests of 2
// to 20 KB, from a cassette of BENCH_SIZE interactions (10, 300 or 3,000), replayed in recorded
// order with the interceptor installed through spark-models/cassette/setup, as in a test run.
// Subjects and their same-run baselines:
// - OpenAIModel through the cassette (its direct path) against the SDK's floor: the raw SDK
//   sending the same bodies to a fetch that returns the stored replies;
// - the raw SDK through the cassette (MSW) against a bare handler on the same MSW server that
//   returns the stored replies without looking at the request;
// - at 10 interactions, the fixture's own cost per test: start and stop of the cassette;
// - OpenAIModel through the cassette on a first replay with no parsed-form cache (as on CI, a
//   clean clone): each round starts the cassette with an empty cache dir of its own.
// The other cassette lines replay warm, as a second local run does: one pass over every
// interaction first writes the parsed-form cache (its replay memo and forms), in a cache dir
// inside the bench's own temp dir, so that no run depends on an earlier one.
// Run alone (after `npm run bench` wrote the cassettes):
// BENCH_SIZE=300 node_modules/.bin/node --expose-gc --import tsx bench/targets/realistic.ts
import '../../src/cassette/setup.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import OpenAI from 'openai';
import { startCassette, type Cassette } from '../../src/cassette/index.js';
import { activeCassette, type ActiveCassette } from '../../src/internal/active-cassette.js';
import { OpenAIModel } from '../../src/model/openai-model.js';
import { benchDir } from '../lib/large-file.js';
import { measureRounds, median, ratioSpread, type Contender } from '../lib/measure.js';
import { phases } from '../lib/phases.js';
import { realisticRequests, storedReply, workloadCall } from '../lib/realistic-cassette.js';
import { emit } from '../lib/report.js';
import { WORKLOAD_MODEL } from '../lib/workload.js';

const size = Number(process.env['BENCH_SIZE'] ?? 300);
const dir = benchDir();
const cacheDir = join(dir, `spark-cache-${size}`);
process.env['SPARK_CASSETTE_CACHE_DIR'] = cacheDir;
const name = `realistic-${size}`;
const apiKey = 'sk-bench-canary-0123456789abcdef';
const requests = realisticRequests().slice(0, size);
const params = requests.map((request) => JSON.parse(request.bodyText) as Record<string, unknown>);
const calls = requests.map((_, i) => {
  const { seed: _seed, turn: _turn, ...call } = workloadCall(i);
  return call;
});
const replies = requests.map(storedReply);
// A round replays a window of the cassette in recorded order; a larger cassette moves it on.
const perRound = Math.min(size, 300);

/** A contender that steps through the requests in order, from where its last round ended. */
function stepping(name: string, run: (i: number) => Promise<unknown>, around: Partial<Contender> = {}): Contender {
  let cursor = 0;
  return { name, ...around, run: () => run(cursor++ % size) };
}

let cassette: Cassette | undefined;
const withCassette: Partial<Contender> = {
  setup: async () => void (cassette = await startCassette(name, { dir, mode: 'replay', testFile: 'bench.test.ts' })),
  teardown: async () => void (await cassette?.stop({ failed: true })),
};
/** Makes `entry` the active cassette for a round (outside the timing). */
function standIn(entry: ActiveCassette): Partial<Contender> {
  let detach: (() => void) | undefined;
  return { setup: () => void (detach = activeCassette.activate(entry)), teardown: () => detach?.() };
}

let served = 0;
const storedEntry = (respond: boolean): ActiveCassette => ({
  name: 'stored',
  state: 'active',
  servesWithoutKey: false,
  isCassetteError: () => false,
  enter: () => ({ fetch: async () => (replies[served++ % size] as () => Response)(), end: () => undefined }),
  respond: respond ? async () => (replies[served++ % size] as () => Response)() : undefined,
});

const floor = new OpenAI({
  apiKey,
  maxRetries: 0,
  fetch: async () => (replies[served++ % size] as () => Response)(),
});
const model = new OpenAIModel({ modelId: WORKLOAD_MODEL, apiKey, maxRetries: 0 });
const guard = phases();
const client = new OpenAI({ apiKey, maxRetries: 0, fetch: guard.fetch });
const create = (i: number): Promise<unknown> => client.chat.completions.create(params[i] as never);
const resetServed = (): void => void (served = 0);

const contenders: Contender[] = [
  stepping('sdk floor', (i) => ((served = i), floor.chat.completions.create(params[i] as never)), {
    setup: resetServed,
  }),
  stepping('model + cassette', (i) => model.getText(calls[i] as (typeof calls)[number]), withCassette),
  stepping(
    'model + stored reply',
    (i) => ((served = i), model.getText(calls[i] as (typeof calls)[number])),
    standIn(storedEntry(false)),
  ),
  guard.mocked(stepping('sdk + cassette (MSW)', create, withCassette)),
  guard.mocked(stepping('sdk + bare MSW handler', (i) => ((served = i), create(i)), standIn(storedEntry(true)))),
];
/** Each round: the cassette started with an empty parsed-form cache dir, so every request replays first. */
let emptyCache: string | undefined;
const firstReplay: Partial<Contender> = {
  setup: async () => {
    emptyCache = mkdtempSync(join(dir, 'no-cache-'));
    process.env['SPARK_CASSETTE_CACHE_DIR'] = emptyCache;
    await withCassette.setup?.();
  },
  teardown: async () => {
    await withCassette.teardown?.();
    process.env['SPARK_CASSETTE_CACHE_DIR'] = cacheDir;
    rmSync(emptyCache as string, { recursive: true, force: true });
  },
};
contenders.push(
  stepping('model + cassette, no cache', (i) => model.getText(calls[i] as (typeof calls)[number]), firstReplay),
);

// One pass over every interaction writes the parsed-form cache the warm lines replay from.
{
  const warming = await startCassette(name, { dir, mode: 'replay', testFile: 'bench.test.ts' });
  for (let i = 0; i < size; i++) {
    await model.getText(calls[i] as (typeof calls)[number]);
  }
  await warming.stop();
}
const rounds = size <= 10 ? 40 : size <= 300 ? 5 : 4;
const [floorT, modelT, modelStoredT, sdkT, bareT, coldT] = await measureRounds(contenders, {
  rounds,
  perRound,
  warmup: perRound,
});
const target = `replay ${size} distinct`;
const result = (subject: string, s: typeof floorT, baseline: string, b: typeof floorT, limit?: number): void =>
  emit({
    target,
    subject,
    subjectValue: s!.median,
    baseline,
    baselineValue: b!.median,
    unit: 'ms',
    spread: ratioSpread(s!, b!),
    ...(limit === undefined ? {} : { limit }),
  });
result('OpenAIModel + cassette', modelT, 'SDK floor', floorT, 1.3);
result('OpenAIModel + stored reply (info)', modelStoredT, 'SDK floor', floorT);
result('raw SDK + cassette (MSW)', sdkT, 'bare MSW handler', bareT, 1.1);
result('OpenAIModel + cassette, first replay, no cache (as on CI) (info)', coldT, 'SDK floor', floorT);

if (size === 10) {
  // The fixture's own cost per test: start and stop of an unchanged cassette whose every
  // recording was replayed (as after a passing test), against one replayed model request.
  const startStop: number[] = [];
  for (let run = 0; run < 400; run++) {
    const begin = performance.now();
    const running = await startCassette(name, { dir, testFile: 'bench.test.ts', mode: 'replay' });
    const started = performance.now() - begin;
    for (let i = 0; i < size; i++) {
      await model.getText(calls[i] as (typeof calls)[number]);
    }
    const stopping = performance.now();
    await running.stop();
    if (run >= 50) {
      startStop.push(started + performance.now() - stopping);
    }
  }
  emit({
    target: 'cassette fixture per test',
    subject: `start + stop, ${size} interactions`,
    subjectValue: median(startStop),
    baseline: 'one model request',
    baselineValue: modelT!.median,
    unit: 'ms',
    valueLimit: 0.5,
  });
}
