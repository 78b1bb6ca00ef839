// Loading the large cassette (1,000 interactions, 20 KB request bodies) with
// startCassette, cold (no parsed-form cache) and warm (cache from an earlier load), against
// JSON.parse of the same data. Run alone: node_modules/.bin/node --expose-gc --import tsx bench/targets/load.ts
import { readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startCassette } from '../../src/cassette/index.js';
import { parseCassette } from '../../src/cassette/format.js';
import { largeCassetteFile } from '../lib/large-file.js';
import { collectGarbage, compare } from '../lib/measure.js';
import { emit } from '../lib/report.js';

const { dir, name, path, jsonPath } = largeCassetteFile();
// The parsed-form cache lives under the working directory; the bench runs in its own.
process.chdir(dir);
const cacheDir = join(dir, '.spark-cache');
const json = readFileSync(jsonPath, 'utf8');
const sizeMb = statSync(path).size / 1e6;

async function load(): Promise<void> {
  const cassette = await startCassette(name, { dir, mode: 'replay', failOnUnused: false });
  await cassette.stop({ failed: true });
}

const rounds = Number(process.env['BENCH_LOAD_ROUNDS'] ?? 5);
const options = { rounds, perRound: 1, warmup: 1 };
const [parseMs, coldMs, warmMs] = await compare(
  [
    { name: 'JSON.parse', run: () => JSON.parse(json), setup: collectGarbage },
    {
      name: 'cold',
      run: load,
      setup: () => {
        rmSync(cacheDir, { recursive: true, force: true });
        collectGarbage();
      },
    },
    { name: 'warm', run: load, setup: async () => (await load(), collectGarbage()) },
  ],
  options,
);
const target = `load ${sizeMb.toFixed(1)} MB cassette`;
emit({
  target,
  subject: 'startCassette, cold',
  subjectValue: coldMs as number,
  baseline: 'JSON.parse',
  baselineValue: parseMs as number,
  unit: 'ms',
  limit: 5,
});
emit({
  target,
  subject: 'startCassette, warm',
  subjectValue: warmMs as number,
  baseline: 'JSON.parse',
  baselineValue: parseMs as number,
  unit: 'ms',
  limit: 1.5,
});
const text = readFileSync(path, 'utf8');
const [yamlMs] = await compare([{ name: 'parseCassette', run: () => parseCassette(text, path) }], {
  rounds: 3,
  perRound: 1,
  warmup: 1,
});
emit({
  target,
  subject: 'parseCassette (info)',
  subjectValue: yamlMs as number,
  baseline: 'JSON.parse',
  baselineValue: parseMs as number,
  unit: 'ms',
});
