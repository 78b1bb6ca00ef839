// `npm run bench`: runs each target bench in a fresh Node process (so one's heap, JIT state and
// MSW server never touch another's), then prints every target as a ratio against its baseline
// measured in the same run. Medians over many calls, after a warm-up; see bench/lib/measure.ts.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { largeCassetteFile } from './lib/large-file.js';
import { collect, type BenchResult } from './lib/report.js';
import { formatTable } from './lib/table.js';

const TARGETS: { file: string; env?: Record<string, string> }[] = [
  { file: 'direct-path.ts' },
  { file: 'msw-path.ts' },
  { file: 'load.ts' },
  { file: 'sse-stream.ts' },
  { file: 'memory.ts' },
  { file: 'memory.ts', env: { BENCH_MEMORY_CACHE: 'warm' } },
];

const only = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), 'spark-models-bench-'));
process.env['BENCH_DIR'] = dir;
const started = performance.now();
const results: BenchResult[] = [];
let failed = false;
try {
  largeCassetteFile();
  for (const target of TARGETS.filter((t) => only.length === 0 || only.some((name) => t.file.startsWith(name)))) {
    const script = fileURLToPath(new URL(`./targets/${target.file}`, import.meta.url));
    process.stderr.write(`bench ${target.file}${target.env ? ` ${JSON.stringify(target.env)}` : ''}...\n`);
    const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', script], {
      env: { ...process.env, ...target.env },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 64 * 1024 * 1024,
    });
    if (child.status !== 0) {
      failed = true;
      process.stderr.write(`bench ${target.file} failed (exit ${child.status})\n${child.stdout}\n`);
    }
    results.push(...collect(child.stdout));
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(`\n${formatTable(results)}\n`);
console.log(`node ${process.version}, ${((performance.now() - started) / 1000).toFixed(0)} s`);
process.exitCode = failed ? 1 : 0;
