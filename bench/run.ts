// `npm run bench`: compiles the sources with tsc, as the package ships them (tsx's transform
// wraps every closure in a naming helper, which slows the direct path), then runs each target in
// a fresh Node process (so one's heap, JIT state and MSW server never touch another's), and
// prints every target as a ratio against its baseline measured in the same run. Medians over
// many calls, after a warm-up; see bench/lib/measure.ts. `npm run bench -- load` runs one;
// `npm run bench -- suite` times whole vitest runs against MSW, Polly.js and nock (bench/suite/).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { largeCassetteFile } from './lib/large-file.js';
import { REALISTIC_SIZES, realisticCassetteFiles } from './lib/realistic-cassette.js';
import { collect, type BenchResult } from './lib/report.js';
import { formatTable } from './lib/table.js';
import { runSuite } from './suite/run-suite.js';

const TARGETS: { file: string; env?: Record<string, string> }[] = [
  { file: 'direct-path.ts' },
  { file: 'msw-path.ts' },
  { file: 'msw-major.ts' },
  { file: 'load.ts' },
  { file: 'sse-stream.ts' },
  { file: 'memory.ts' },
  { file: 'memory.ts', env: { BENCH_MEMORY_CACHE: 'warm' } },
  ...REALISTIC_SIZES.map((size) => ({ file: 'realistic.ts', env: { BENCH_SIZE: String(size) } })),
];

const root = fileURLToPath(new URL('..', import.meta.url));
const build = join(root, 'node_modules/.cache/spark-models-bench');

// The bench and the sources it imports, as plain ES modules; bare imports resolve from the
// repository's node_modules, and the corpus is linked in.
function compile(): void {
  rmSync(build, { recursive: true, force: true });
  const tsc = spawnSync(
    join(root, 'node_modules/.bin/tsc'),
    [
      '-p',
      'tsconfig.json',
      '--noEmit',
      'false',
      '--outDir',
      build,
      '--rootDir',
      '.',
      '--declaration',
      'false',
      '--sourceMap',
      'false',
    ],
    { cwd: root, stdio: 'inherit' },
  );
  if (tsc.status !== 0) {
    throw new Error('tsc failed: run `npm run typecheck`');
  }
  writeFileSync(join(build, 'package.json'), '{ "type": "module" }\n');
  symlinkSync(join(root, 'test/fixtures'), join(build, 'test/fixtures'));
}

const only = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), 'spark-models-bench-'));
process.env['BENCH_DIR'] = dir;
const started = performance.now();
const results: BenchResult[] = [];
let failed = false;
try {
  compile();
  const selected = TARGETS.filter((t) => only.length === 0 || only.some((name) => t.file.startsWith(name)));
  if (selected.some((t) => ['load.ts', 'memory.ts'].includes(t.file))) {
    largeCassetteFile();
  }
  if (selected.some((t) => t.file === 'realistic.ts')) {
    await realisticCassetteFiles();
  }
  for (const target of selected) {
    const script = join(build, 'bench/targets', target.file.replace(/\.ts$/, '.js'));
    process.stderr.write(`bench ${target.file}${target.env ? ` ${JSON.stringify(target.env)}` : ''}...\n`);
    const child = spawnSync(process.execPath, ['--expose-gc', script], {
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
  if (only.length === 0 || only.includes('suite')) {
    results.push(...(await runSuite({ build, root, dir })));
  }
} finally {
  // BENCH_KEEP_DIR=1 leaves the cassettes and suite projects for profiling.
  if (process.env['BENCH_KEEP_DIR']) {
    process.stderr.write(`bench files kept in ${dir}\n`);
  } else {
    rmSync(dir, { recursive: true, force: true });
  }
}
console.log(`\n${formatTable(results)}\n`);
console.log(`node ${process.version}, compiled with tsc, ${((performance.now() - started) / 1000).toFixed(0)} s`);
process.exitCode = failed ? 1 : 0;
