// The model's own cost on the realistic workload, without a cassette: OpenAIModel with a
// stand-in active cassette that returns the stored replies, against the raw SDK sending the same
// bodies to a fetch that returns them (the realistic target's "stored reply" line, alone and
// with more rounds, so a small change shows through the noise).
//   BENCH_PATH=both   alternating rounds of each, then the ratio (default)
//   BENCH_PATH=model  the model only, for a profiler; BENCH_PATH=sdk the SDK only
//   BENCH_SIZE        distinct requests (default 300); BENCH_ROUNDS (default 20)
// Compile first (`npm run bench -- realistic` does, into node_modules/.cache/spark-models-bench), then:
// node_modules/.bin/node --cpu-prof --cpu-prof-dir=/tmp/prof node_modules/.cache/spark-models-bench/bench/profile-model.js
import OpenAI from 'openai';
import { activeCassette } from '../src/internal/active-cassette.js';
import { OpenAIModel } from '../src/model/openai-model.js';
import { measureRounds, ratioSpread, type Contender } from './lib/measure.js';
import { realisticCassetteFiles, realisticRequests, storedReply, workloadCall } from './lib/realistic-cassette.js';
import { WORKLOAD_MODEL } from './lib/workload.js';

const size = Number(process.env['BENCH_SIZE'] ?? 300);
const rounds = Number(process.env['BENCH_ROUNDS'] ?? 20);
const path = process.env['BENCH_PATH'] ?? 'both';
await realisticCassetteFiles();
const requests = realisticRequests().slice(0, size);
const params = requests.map((request) => JSON.parse(request.bodyText) as Record<string, unknown>);
const calls = requests.map((_, i) => {
  const { seed: _seed, turn: _turn, ...call } = workloadCall(i);
  return call;
});
const replies = requests.map(storedReply);
const apiKey = 'sk-bench-canary-0123456789abcdef';
let served = 0;
const reply = async (): Promise<Response> => (replies[served++ % size] as () => Response)();
activeCassette.activate({
  name: 'stored',
  state: 'active',
  servesWithoutKey: false,
  isCassetteError: () => false,
  enter: () => ({ fetch: reply, end: () => undefined }),
});
const floor = new OpenAI({ apiKey, maxRetries: 0, fetch: reply });
const model = new OpenAIModel({ modelId: WORKLOAD_MODEL, apiKey, maxRetries: 0 });

function stepping(name: string, run: (i: number) => Promise<unknown>): Contender {
  let cursor = 0;
  return { name, run: () => run(cursor++ % size) };
}
const sdk = stepping('sdk floor', (i) => ((served = i), floor.chat.completions.create(params[i] as never)));
const own = stepping('model', (i) => ((served = i), model.getText(calls[i] as (typeof calls)[number])));
const contenders = path === 'both' ? [sdk, own] : path === 'sdk' ? [sdk] : [own];
const perRound = Math.min(size, 300);
const times = await measureRounds(contenders, { rounds, perRound, warmup: perRound });
for (const [index, contender] of contenders.entries()) {
  console.log(`${contender.name}: ${times[index]!.median.toFixed(4)} ms`);
}
if (path === 'both') {
  const [low, high] = ratioSpread(times[1]!, times[0]!);
  console.log(
    `model / floor: ${(times[1]!.median / times[0]!.median).toFixed(3)}x (${low.toFixed(2)}-${high.toFixed(2)})`,
  );
}
