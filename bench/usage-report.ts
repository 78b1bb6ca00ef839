// Times `writeUsageReport` as `stop()` calls it (sha256 known, no file read): the median of
// many writes to one cassette, after a warm-up. `npx tsx bench/usage-report.ts`
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeUsageReport } from '../src/cassette/usage-report.js';

const root = mkdtempSync(join(tmpdir(), 'spark-usage-bench-'));
const cassettePath = join(root, 'c.yaml');
writeFileSync(cassettePath, 'version: 1\ninteractions: []\n');
const dir = join(root, 'reports');
const input = { cassettePath, unused: ['a1b2c3d4e5f6-1', 'a1b2c3d4e5f6-2'], sha256: 'f'.repeat(64) };
const times: number[] = [];
for (let i = 0; i < 2_200; i++) {
  const start = performance.now();
  await writeUsageReport(input, { dir });
  if (i >= 200) times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
const at = (q: number) => (times[Math.floor(q * (times.length - 1))] ?? 0).toFixed(4);
console.log(`writeUsageReport: median ${at(0.5)} ms, p90 ${at(0.9)} ms, p99 ${at(0.99)} ms (${times.length} writes)`);
rmSync(root, { recursive: true, force: true });
