// Times `writeUsageReport` as `stop()` calls it (sha256 known, no file read): the median of
// many writes to one cassette, after a warm-up. `npx tsx bench/usage-report.ts`
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { prepareUsageReport, usageLogDir, writeUsageReport } from '../src/cassette/usage-report.js';

const root = mkdtempSync(join(tmpdir(), 'spark-usage-bench-'));
const cassettePath = join(root, 'c.yaml');
writeFileSync(cassettePath, 'version: 1\ninteractions: []\n');
const dir = join(root, 'reports');
const input = { cassettePath, unused: ['a1b2c3d4e5f6-1', 'a1b2c3d4e5f6-2'], sha256: 'f'.repeat(64) };
const times: number[] = [];
for (let i = 0; i < 2_200; i++) {
  const start = performance.now();
  await writeUsageReport(input, { dir });
  if (i >= 200) {
    times.push(performance.now() - start);
  }
}
print('writeUsageReport, one cassette again', times);

// The first report on each cassette in a process: the directory is made (or found, with the
// logs of earlier processes in it), and the log created.
const firsts: number[] = [];
for (let i = 0; i < 500; i++) {
  const path = join(root, `c${i}.yaml`);
  if (i % 2 === 1) {
    // A directory earlier processes left 8 logs in.
    mkdirSync(usageLogDir(path, { dir }), { recursive: true });
    for (let n = 0; n < 8; n++) {
      writeFileSync(join(usageLogDir(path, { dir }), `${99_000 + n}-0-0-x%3A1.jsonl`), '');
    }
  }
  const start = performance.now();
  await writeUsageReport({ ...input, cassettePath: path }, { dir });
  firsts.push(performance.now() - start);
}
print('writeUsageReport, first on a cassette', firsts);

// The same, with the logs readied at start as a replay does (the tests run meanwhile). Writes
// are timed back to back: after the CPU idles, any write is several times slower.
const readiedPaths = Array.from({ length: 500 }, (_, i) => join(root, `r${i}.yaml`));
for (const path of readiedPaths) {
  prepareUsageReport(path, { dir });
}
await new Promise((resolve) => setTimeout(resolve, 500));
const readied: number[] = [];
for (const path of readiedPaths) {
  const start = performance.now();
  await writeUsageReport({ ...input, cassettePath: path }, { dir });
  readied.push(performance.now() - start);
}
print('writeUsageReport, first on a cassette, log readied at start', readied);

function print(name: string, samples: number[]): void {
  samples.sort((a, b) => a - b);
  const at = (q: number) => (samples[Math.floor(q * (samples.length - 1))] ?? 0).toFixed(4);
  console.log(`${name}: median ${at(0.5)} ms, p90 ${at(0.9)} ms, p99 ${at(0.99)} ms (${samples.length} writes)`);
}
rmSync(root, { recursive: true, force: true });
