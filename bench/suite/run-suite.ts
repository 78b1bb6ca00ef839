// `npm run bench -- suite`: the same 200 vitest tests of three model calls each (bench/suite/
// agent.ts), run by vitest as a user runs them, once per way of faking the API:
//   (a) cassette      the `cassette` fixture of spark-models/vitest, OpenAIModel, as a second
//                     local run replays (the parsed-form cache under .spark-cache/ warm)
//   (a') cassette-ci  the same on a clean checkout, as on CI: each run starts without .spark-cache/
//   (b) msw           a hand-written MSW handler per test, OpenAIModel
//   (c) polly         Polly.js replaying its HAR recordings, OpenAIModel
//   (d) nock          nock's back mode replaying its JSON fixtures, OpenAIModel
//   (e) sdk-cassette  the `cassette` fixture, the raw openai SDK (served through MSW)
// and, for reference, `plain`: the same files, setup modules and imports, the model calls
// answered by a plain function (what the calls themselves cost, below every way), and `floor`:
// the same with no fake and no model call (what vitest and module loading cost).
// Each variant that replays first records its own files from a loopback server (outside the
// timing). Then every variant runs BENCH_SUITE_ROUNDS times (5), in rotating order, each run a
// fresh `vitest run` timed from spawn to exit; the server then refuses and counts, so a request
// that escaped a replay fails the bench. Also: what importing each tool's setup costs a process.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { median } from '../lib/measure.js';
import type { BenchResult } from '../lib/report.js';
import { SUITE_TESTS, TESTS_PER_FILE } from './agent.js';
import { startAgentServer } from './agent-server.js';

/** The suite's variants, in the order of the table. */
export const SUITE_VARIANTS = [
  'cassette',
  'cassette-ci',
  'msw',
  'polly',
  'nock',
  'sdk-cassette',
  'plain',
  'floor',
] as const;
type Variant = (typeof SUITE_VARIANTS)[number];

const RECORDS: Record<Variant, Record<string, string> | undefined> = {
  cassette: { SPARK_CASSETTE_MODE: 'record' },
  'cassette-ci': { SPARK_CASSETTE_MODE: 'record' },
  msw: undefined,
  polly: { BENCH_SUITE_RECORD: '1' },
  nock: { BENCH_SUITE_RECORD: '1' },
  'sdk-cassette': { SPARK_CASSETTE_MODE: 'record' },
  plain: undefined,
  floor: undefined,
};

/** Where things are: the compiled bench and sources (`build`), the repository, the run's temp dir. */
export interface SuitePaths {
  build: string;
  root: string;
  dir: string;
}

// A user's project for one variant: vitest config, ten test files of twenty tests each.
function writeProject(paths: SuitePaths, variant: Variant): string {
  const project = join(paths.dir, 'suite', variant);
  mkdirSync(project, { recursive: true });
  const usesCassettes = variant !== 'msw' && variant !== 'polly' && variant !== 'nock';
  const setupFiles = usesCassettes
    ? [join(paths.build, 'src/vitest/setup.js'), join(paths.build, 'src/cassette/setup.js')]
    : [];
  writeFileSync(
    join(project, 'vitest.config.mjs'),
    `export default ${JSON.stringify({
      cacheDir: join(paths.dir, 'suite', `.vite-${variant}`),
      test: { include: ['*.test.ts'], setupFiles, testTimeout: 60_000 },
    })};\n`,
  );
  const module = join(paths.build, `bench/suite/variants/${variant === 'cassette-ci' ? 'cassette' : variant}.js`);
  for (let file = 0; file < SUITE_TESTS / TESTS_PER_FILE; file++) {
    writeFileSync(
      join(project, `agents-${String(file).padStart(2, '0')}.test.ts`),
      `import { declareTests } from ${JSON.stringify(module)};\n\ndeclareTests(${file});\n`,
    );
  }
  return project;
}

interface Run {
  ms: number;
  /** The tests' own durations added up (vitest's report): the run without startup and imports. */
  testsMs: number;
  passed: number;
  output: string;
}

interface Report {
  numPassedTests: number;
  testResults: { assertionResults: { duration?: number | null }[] }[];
}

function runVitest(paths: SuitePaths, project: string, env: Record<string, string>): Promise<Run> {
  const report = join(project, 'report.json');
  const args = [join(paths.root, 'node_modules/vitest/vitest.mjs'), 'run', '--config', 'vitest.config.mjs'];
  args.push('--reporter=default', '--reporter=json', `--outputFile.json=${report}`);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: project,
      env: { ...process.env, NO_COLOR: '1', OPENAI_API_KEY: '', SPARK_CASSETTE_MODE: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => void (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => void (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      let passed = 0;
      let testsMs = 0;
      try {
        const data = JSON.parse(readFileSync(report, 'utf8')) as Report;
        passed = data.numPassedTests;
        for (const file of data.testResults) {
          for (const test of file.assertionResults) {
            testsMs += test.duration ?? 0;
          }
        }
      } catch {
        // No report: the run failed before writing one; the check below says so.
      }
      if (code !== 0 || passed !== SUITE_TESTS) {
        reject(new Error(`suite ${project}: exit ${code}, ${passed} of ${SUITE_TESTS} passed\n${output.slice(-4000)}`));
        return;
      }
      resolve({ ms, testsMs, passed, output });
    });
  });
}

// What loading a tool's modules costs a fresh process: median of 7 runs each, in rotation.
// Modules a vitest worker has loaded anyway (vitest itself) are loaded before the clock starts.
async function importCosts(paths: SuitePaths): Promise<Record<string, number>> {
  const subjects: Record<string, { modules: string[]; preload?: string[] }> = {
    'spark-models/cassette/setup': { modules: [join(paths.build, 'src/cassette/setup.js')] },
    'spark-models/vitest/setup': { modules: [join(paths.build, 'src/vitest/setup.js')], preload: ['vitest'] },
    'msw/node': { modules: ['msw', 'msw/node'] },
    'Polly.js (core, 2 adapters, fs persister)': {
      modules: ['@pollyjs/core', '@pollyjs/adapter-fetch', '@pollyjs/adapter-node-http', '@pollyjs/persister-fs'],
    },
    nock: { modules: ['nock'] },
  };
  const runs = new Map<string, number[]>();
  for (let run = 0; run < 7; run++) {
    for (const [name, { modules, preload = [] }] of Object.entries(subjects)) {
      const load = (list: string[]): string => list.map((m) => `await import(${JSON.stringify(m)});`).join(' ');
      const code = `${load(preload)} const t = performance.now(); ${load(modules)} console.log(performance.now() - t);`;
      const ms = await new Promise<number>((resolve, reject) => {
        const child = spawn(process.execPath, ['--input-type=module', '-e', code], {
          cwd: paths.root,
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => void (out += chunk.toString()));
        child.on('close', (status) =>
          status === 0 ? resolve(Number(out.trim())) : reject(new Error(`import ${name}`)),
        );
      });
      runs.set(name, [...(runs.get(name) ?? []), ms]);
    }
  }
  return Object.fromEntries([...runs].map(([name, values]) => [name, median(values)]));
}

/** Records, then times the suite of every variant; returns the lines for the bench table. */
export async function runSuite(paths: SuitePaths): Promise<BenchResult[]> {
  const server = await startAgentServer();
  const env = { BENCH_SUITE_BASE_URL: server.baseUrl };
  const projects = new Map(SUITE_VARIANTS.map((variant) => [variant, writeProject(paths, variant)]));
  const times = new Map<Variant, number[]>(SUITE_VARIANTS.map((variant) => [variant, []]));
  const testTimes = new Map<Variant, number[]>(SUITE_VARIANTS.map((variant) => [variant, []]));
  try {
    for (const variant of SUITE_VARIANTS) {
      const record = RECORDS[variant];
      if (record) {
        process.stderr.write(`suite: recording ${variant}...\n`);
        const before = server.received;
        await runVitest(paths, projects.get(variant) as string, { ...env, ...record });
        if (server.received - before !== SUITE_TESTS * 3) {
          throw new Error(
            `suite: recording ${variant} sent ${server.received - before} requests, not ${SUITE_TESTS * 3}`,
          );
        }
      }
    }
    server.answering = false;
    const rounds = Number(process.env['BENCH_SUITE_ROUNDS'] ?? 5);
    for (let round = 0; round < rounds; round++) {
      const order = SUITE_VARIANTS.map((_, i) => SUITE_VARIANTS[(i + round) % SUITE_VARIANTS.length] as Variant);
      for (const variant of order) {
        if (variant === 'cassette-ci') {
          // A clean checkout: no parsed-form cache, no usage logs (outside the timing).
          rmSync(join(projects.get(variant) as string, '.spark-cache'), { recursive: true, force: true });
        }
        const before = server.received;
        const run = await runVitest(paths, projects.get(variant) as string, { ...env, CI: '1' });
        if (server.received !== before) {
          throw new Error(`suite: ${variant} replay sent ${server.received - before} requests to the server`);
        }
        times.get(variant)?.push(run.ms);
        testTimes.get(variant)?.push(run.testsMs);
        process.stderr.write(`suite: round ${round + 1}/${rounds} ${variant} ${(run.ms / 1000).toFixed(2)} s\n`);
      }
    }
  } finally {
    await server.close();
  }
  const results: BenchResult[] = [];
  const line = (subject: Variant, baseline: Variant, label: string, limit?: number): void => {
    const s = times.get(subject) ?? [];
    const b = times.get(baseline) ?? [];
    const ratios = s.map((value, i) => value / (b[i] ?? Number.NaN));
    results.push({
      target: 'suite: 200 tests x 3 calls',
      subject: label,
      subjectValue: median(s),
      baseline: baseline === 'msw' ? 'hand-written MSW' : baseline === 'polly' ? 'Polly.js' : baseline,
      baselineValue: median(b),
      unit: 'ms',
      spread: [Math.min(...ratios), Math.max(...ratios)],
      ...(limit === undefined ? {} : { limit }),
    });
  };
  line('cassette', 'msw', 'cassette fixture', 0.6);
  line('cassette', 'polly', 'cassette fixture', 1.0);
  line('cassette-ci', 'msw', 'cassette fixture, clean checkout as on CI (info)');
  line('nock', 'msw', 'nock back (info)');
  line('polly', 'msw', 'Polly.js (info)');
  line('sdk-cassette', 'msw', 'raw SDK + cassette (info)');
  line('plain', 'msw', 'model calls answered by a plain function, no replay tool (info)');
  line('floor', 'msw', 'no fake, no model call: vitest and imports alone (info)');
  // Where the wall time goes: the tests themselves (fixture or hooks included), the rest being
  // vitest's startup and each file's imports.
  for (const variant of SUITE_VARIANTS) {
    results.push({
      target: 'suite: time inside the tests',
      subject: variant,
      subjectValue: median(testTimes.get(variant) ?? []),
      baseline: 'hand-written MSW',
      baselineValue: median(testTimes.get('msw') ?? []),
      unit: 'ms',
    });
  }
  const imports = await importCosts(paths);
  for (const [name, ms] of Object.entries(imports)) {
    if (name !== 'msw/node') {
      results.push({
        target: 'import cost',
        subject: name,
        subjectValue: ms,
        baseline: 'msw/node',
        baselineValue: imports['msw/node'] ?? Number.NaN,
        unit: 'ms',
      });
    }
  }
  return results;
}
