// Memory held while a 1,000-interaction cassette (20 KB request bodies) replays every one of
// its requests, against the file's size. Needs --expose-gc. Run alone:
// node_modules/.bin/node --expose-gc --import tsx bench/targets/memory.ts
import { statSync } from 'node:fs';
import { startCassette } from '../../src/cassette/index.js';
import { CHAT_URL, largeRequestBody } from '../lib/fixtures.js';
import { largeCassetteFile } from '../lib/large-file.js';
import { collectGarbage } from '../lib/measure.js';
import { emit } from '../lib/report.js';

const { dir, name, path } = largeCassetteFile();
process.chdir(dir);
const headers = new Headers({ 'content-type': 'application/json', authorization: 'Bearer sk-bench-not-a-real-key' });

function used(): number {
  collectGarbage();
  collectGarbage();
  const { heapUsed, external } = process.memoryUsage();
  return heapUsed + external;
}

const mode = process.env['BENCH_MEMORY_CACHE'] === 'warm' ? 'warm' : 'cold';
const before = used();
if (mode === 'warm') {
  // An earlier run's load leaves the parsed-form cache behind (this cassette is let go once
  // the next one starts).
  await (await startCassette(name, { dir, mode: 'replay' })).stop({ failed: true });
}
const cassette = await startCassette(name, { dir, mode: 'replay' });
for (let i = 0; i < 1000; i++) {
  // The same requests the file was made from, built one at a time so the bench holds none of them.
  const response = await cassette.fetch(CHAT_URL, {
    method: 'POST',
    headers,
    body: JSON.stringify(largeRequestBody(20_000, i + 1)),
  });
  await response.arrayBuffer();
}
const held = used() - before;
const summary = await cassette.stop();
if (summary.replayed !== 1000) {
  throw new Error(`replayed ${summary.replayed} of 1000 requests`);
}
const size = statSync(path).size;
emit({
  target: 'memory, 1,000-interaction replay',
  subject: `held while active (${mode} load)`,
  subjectValue: held / 1e6,
  baseline: 'file size',
  baselineValue: size / 1e6,
  unit: 'MB',
  limit: 2,
});
