// Runs one path of the realistic workload (300 distinct requests, replayed in recorded order,
// ten passes) for a profiler, with the interceptor installed by the setup module:
//   BENCH_PATH=model  OpenAIModel through the cassette (default)
//   BENCH_PATH=sdk    the raw SDK through the cassette (MSW)
// Compile first (`npm run bench -- realistic` does, into node_modules/.cache/spark-models-bench), then:
// node_modules/.bin/node --cpu-prof --cpu-prof-dir=/tmp/prof node_modules/.cache/spark-models-bench/bench/profile-replay.js
import '../src/cassette/setup.js';
import OpenAI from 'openai';
import { startCassette } from '../src/cassette/index.js';
import { OpenAIModel } from '../src/model/openai-model.js';
import { benchDir } from './lib/large-file.js';
import { realisticCassetteFiles, realisticRequests, workloadCall } from './lib/realistic-cassette.js';
import { WORKLOAD_MODEL } from './lib/workload.js';

const size = 300;
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
for (let pass = 0; pass < 10; pass++) {
  const cassette = await startCassette(`realistic-${size}`, { dir, mode: 'replay' });
  for (let i = 0; i < size; i++) {
    await (path === 'sdk'
      ? client.chat.completions.create(params[i] as never)
      : model.getText(calls[i] as (typeof calls)[number]));
  }
  await cassette.stop();
}
console.log(`${path}: ${((performance.now() - started) / (10 * size)).toFixed(3)} ms a request`);
