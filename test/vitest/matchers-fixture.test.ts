import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

interface AssertionResult {
  title: string;
  status: 'passed' | 'failed';
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURE = fileURLToPath(new URL('./fixtures/matchers/', import.meta.url));
// Strips colour codes; the reporter colours diffs even in a pipe when FORCE_COLOR is set.
const plain = (text: string): string => text.replace(/\u001b\[[0-9;]*m/g, '');

/** One test of the fixture run: its status and what the default reporter printed for it. */
interface FixtureTest {
  status: AssertionResult['status'];
  printed: string;
}

/** Runs vitest on the fixture project, as a user would; returns each test by title. */
async function runFixture(): Promise<Map<string, FixtureTest>> {
  const dir = await mkdtemp(join(tmpdir(), 'spark-matchers-'));
  const output = join(dir, 'report.json');
  try {
    const args = [
      join(ROOT, 'node_modules/vitest/vitest.mjs'),
      'run',
      '--root',
      FIXTURE,
      '--config',
      join(FIXTURE, 'vitest.config.ts'),
    ];
    const { stderr } = await promisify(execFile)(
      join(ROOT, 'node_modules/.bin/node'),
      [...args, '--reporter=default', '--reporter=json', `--outputFile.json=${output}`],
      {
        cwd: ROOT,
        env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', CI: '1' },
      },
    ).catch((error: { code?: number; stderr?: string }) => {
      // Exit code 1 is expected: the fixture holds deliberately failing tests.
      if (error.code !== 1) {
        throw error;
      }
      return { stderr: error.stderr ?? '' };
    });
    // The default reporter prints each failure (message and diff) to stderr, after a
    // "FAIL  file > suite > title" line.
    const blocks = new Map(
      plain(stderr)
        .split(/^ FAIL {2}/m)
        .slice(1)
        .map((block) => [block.slice(0, block.indexOf('\n')).split(' > ').at(-1) ?? '', block] as const),
    );
    const report = JSON.parse(await readFile(output, 'utf8')) as {
      testResults: { assertionResults: AssertionResult[] }[];
    };
    return new Map(
      report.testResults
        .flatMap((file) => file.assertionResults)
        .map((result) => [result.title, { status: result.status, printed: blocks.get(result.title) ?? '' }]),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('spark-models/vitest matchers in a fixture project', () => {
  let results: Map<string, FixtureTest>;
  beforeAll(async () => {
    results = await runFixture();
  }, 60_000);

  const failure = (title: string): string => {
    const result = results.get(title);
    expect(result?.status, title).toBe('failed');
    return result?.printed ?? '';
  };

  it('registers through setupFiles and passes the positive and .not cases', () => {
    for (const title of [
      'passes: toHaveCalledTool',
      'passes: toHaveToolCallSequence',
      'passes: toHaveModelCallCount',
    ]) {
      expect(results.get(title)?.status, title).toBe('passed');
    }
  });

  it('fails toHaveCalledTool for a tool never called, listing the calls', () => {
    const message = failure('fails: toHaveCalledTool with a tool never called');
    expect(message).toContain('expect(Agent).toHaveCalledTool(name)');
    expect(message).toContain('Expected a call of: get_weather\nReceived tool calls:');
    expect(message).toContain('0: search_web({"query":"population of Tokyo"})');
    expect(message).toContain('1: calculate({"expression":"14000000 * 0.15"})');
  });

  it('fails .not.toHaveCalledTool for a tool that was called', () => {
    const message = failure('fails: not.toHaveCalledTool with a tool that was called');
    expect(message).toContain('expect(Agent).not.toHaveCalledTool(name)');
    expect(message).toContain(
      'Expected no call of: search_web\nReceived 1 matching call:\n  0: search_web({"query":"population of Tokyo"})',
    );
  });

  it('fails toHaveCalledTool with the wrong input, showing an input diff', () => {
    const message = failure('fails: toHaveCalledTool with the wrong input');
    expect(message).toContain('Expected a call of: calculate with input containing {"expression": "1 + 1"}');
    expect(message).toContain('- Expected\n+ Received');
    expect(message).toContain('-   "expression": "1 + 1",');
    expect(message).toContain('+   "expression": "14000000 * 0.15",');
  });

  it('fails toHaveToolCallSequence in the wrong order, with a sequence diff', () => {
    const message = failure('fails: toHaveToolCallSequence in the wrong order');
    expect(message).toContain('Expected 2 tool calls in this order, received 2:');
    expect(message).toContain('  [\n-   "calculate",\n    "search_web",\n+   "calculate",\n  ]');
  });

  it('fails .not.toHaveToolCallSequence with the same sequence', () => {
    expect(failure('fails: not.toHaveToolCallSequence with the right order')).toContain(
      'Expected a different sequence than: ["search_web", "calculate"]',
    );
  });

  it('fails toHaveModelCallCount and its .not form', () => {
    expect(failure('fails: toHaveModelCallCount with the wrong count')).toContain(
      'Expected model calls: 5\nReceived model calls: 3',
    );
    expect(failure('fails: not.toHaveModelCallCount with the right count')).toContain('Expected model calls: not 3');
  });
});
