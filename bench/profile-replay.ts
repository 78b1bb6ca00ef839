// Runs one path of the realistic workload (BENCH_SIZE distinct requests, 300 by default, replayed
// in recorded order, BENCH_PASSES passes, 10 by default) for a profiler, with the interceptor
// installed by the setup module:
//   BENCH_PATH=model  OpenAIModel through the cassette (default)
//   BENCH_PATH=sdk    the raw SDK through the cassette (MSW)
// Each pass starts the cassette again, so a pass after the first replays warm (the parsed-form
// cache and its replay memo were written at the first stop); SPARK_CASSETTE_CACHE_DIR=<empty dir>
// with BENCH_PASSES=1 profiles a first replay with no cache, as on CI.
// Compile first (`npm run bench -- realistic` does, into node_modules/.cache/spark-models-bench), then:
// node_modules/.bin/node --cpu-prof --cpu-prof-dir=/tmp/prof node_modules/.cache/spark-models-bench/bench/profile-replay.js
import '../src/cassette/setup.js';
import OpenAI from 'openai';
import { startCassette } from '../src/cassette/index.js';
import { OpenAIModel } from '../src/model/openai-model.js';
import { benchDir } from './lib/large-file.js';
import { realisticCassetteFiles, realisticRequests, workloadCall } from './lib/realistic-cassette.js';
import { WORKLOAD_MODEL } from './lib/workload.js';

const size = Number(process.env['BENCH_SIZE'] ?? 300);
const passes = Number(process.env['BENCH_PASSES'] ?? 10);
const path = process.env['BENCH_PATH'] ?? 'model';
await realisticCassetteFiles();
const dir = benchDir();
const apiKey = 'sk-bench-canary-0123456789abcdef';
const params = realisticRequests()
  .slice(0, size)
  .map((request) => JSON.parse(request.bodyText) as Record<string, unknown>);
const calls = params.map((_, i) => {
  const { seed: _seed, turn: _turn, ...call } = workloadCall(i);
  return call;
});
const model = new OpenAIModel({ modelId: WORKLOAD_MODEL, apiKey, maxRetries: 0 });
const client = new OpenAI({ apiKey, maxRetries: 0 });
const started = performance.now();
for (let pass = 0; pass < passes; pass++) {
  const cassette = await startCassette(`realistic-${size}`, { dir, mode: 'replay' });
  for (let i = 0; i < size; i++) {
    await (path === 'sdk'
      ? client.chat.completions.create(params[i] as never)
      : model.getText(calls[i] as (typeof calls)[number]));
  }
  await cassette.stop();
}
console.log(`${path}: ${((performance.now() - started) / (passes * size)).toFixed(3)} ms a request`);
