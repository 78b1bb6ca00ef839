// Starts and stops the 10-interaction realistic cassette BENCH_PASSES times (2,000 by default),
// replaying its every recording in between (as a passing test does), with the interceptor
// installed by the setup module, and prints the median start + stop: the fixture's own cost per
// test, for a profiler. Compile first (`npm run bench -- realistic` does), then:
// node_modules/.bin/node --cpu-prof --cpu-prof-dir=/tmp/prof node_modules/.cache/spark-models-bench/bench/profile-start-stop.js
import '../src/cassette/setup.js';
import { startCassette } from '../src/cassette/index.js';
import { OpenAIModel } from '../src/model/openai-model.js';
import { benchDir } from './lib/large-file.js';
import { realisticCassetteFiles, workloadCall } from './lib/realistic-cassette.js';
import { median } from './lib/measure.js';
import { WORKLOAD_MODEL } from './lib/workload.js';

const size = 10;
const passes = Number(process.env['BENCH_PASSES'] ?? 2000);
await realisticCassetteFiles();
const dir = benchDir();
const calls = Array.from({ length: size }, (_, i) => {
  const { seed: _seed, turn: _turn, ...call } = workloadCall(i);
  return call;
});
const model = new OpenAIModel({ modelId: WORKLOAD_MODEL, apiKey: 'sk-bench-canary-0123456789abcdef', maxRetries: 0 });
const times: number[] = [];
for (let pass = 0; pass < passes; pass++) {
  const begin = performance.now();
  const cassette = await startCassette(`realistic-${size}`, { dir, mode: 'replay', testFile: 'bench.test.ts' });
  const started = performance.now() - begin;
  for (const call of calls) {
    await model.getText(call);
  }
  const stopping = performance.now();
  await cassette.stop();
  times.push(started + performance.now() - stopping);
}
process.stdout.write(
  `start + stop, ${size} interactions: ${median(times.slice(passes / 10)).toFixed(3)} ms (median of ${passes} passes)\n`,
);
