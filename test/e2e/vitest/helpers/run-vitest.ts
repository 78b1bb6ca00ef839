import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** One test of a fixture run: its status and what the default reporter printed about its failure. */
export interface FixtureTest {
  status: 'passed' | 'failed' | 'skipped' | 'pending' | 'todo';
  printed: string;
}

/** A whole fixture run. */
export interface FixtureRun {
  /** Tests by title. */
  tests: Map<string, FixtureTest>;
  /** Everything printed, colour codes removed. */
  output: string;
  exitCode: number;
}

const plain = (text: string): string => text.replace(/\u001b\[[0-9;]*m/g, '');

/**
 * Runs vitest on a fixture project in a subprocess, as a user would, from `cwd` (where
 * cassettes land by default). Exit codes 0 and 1 are results; anything else is thrown.
 */
export async function runVitest(
  project: string,
  options: { cwd: string; env?: Record<string, string>; args?: string[] },
): Promise<FixtureRun> {
  const reportDir = await mkdtemp(join(tmpdir(), 'spark-vitest-report-'));
  const report = join(reportDir, 'report.json');
  try {
    const args = [
      join(ROOT, 'node_modules/vitest/vitest.mjs'),
      'run',
      '--root',
      project,
      '--config',
      join(project, 'vitest.config.ts'),
    ];
    args.push('--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...(options.args ?? []));
    const env = {
      ...process.env,
      NO_COLOR: '1',
      FORCE_COLOR: '0',
      CI: '',
      SPARK_CASSETTE_MODE: '',
      OPENAI_API_KEY: '',
      ...options.env,
    };
    const { stdout, stderr, code } = await promisify(execFile)(join(ROOT, 'node_modules/.bin/node'), args, {
      cwd: options.cwd,
      env,
      maxBuffer: 32 * 1024 * 1024,
    }).then(
      ({ stdout, stderr }) => ({ stdout, stderr, code: 0 }),
      (error: { code?: number; stdout?: string; stderr?: string }) => {
        if (error.code !== 1) {
          throw error;
        }
        return { stdout: error.stdout ?? '', stderr: error.stderr ?? '', code: 1 };
      },
    );
    const output = plain(`${stdout}\n${stderr}`);
    // The default reporter prints each failure after a "FAIL  file > suite > title" line.
    const blocks = new Map(
      plain(stderr)
        .split(/^ FAIL {2}/m)
        .slice(1)
        .map((block) => [block.slice(0, block.indexOf('\n')).split(' > ').at(-1) ?? '', block] as const),
    );
    const parsed = JSON.parse(await readFile(report, 'utf8')) as {
      testResults: { assertionResults: { title: string; status: FixtureTest['status'] }[] }[];
    };
    const tests = new Map(
      parsed.testResults
        .flatMap((file) => file.assertionResults)
        .map((result) => [result.title, { status: result.status, printed: blocks.get(result.title) ?? '' }]),
    );
    return { tests, output, exitCode: code };
  } finally {
    await rm(reportDir, { recursive: true, force: true });
  }
}

/** The `CASSETTE <name> <mode>` lines the fixture tests print, as name → mode. */
export function printedCassettes(run: FixtureRun): Map<string, string> {
  return new Map([...run.output.matchAll(/^CASSETTE (\S+) (\S+)$/gm)].map((match) => [match[1] ?? '', match[2] ?? '']));
}
