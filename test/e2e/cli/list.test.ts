import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { useTempDir } from '../../helpers/temp-dir.js';
import { buildCli, runBin } from './helpers/cli.js';
import { plainSession, recordCassette, TOOL_SESSION } from './helpers/record.js';

const project = useTempDir('spark-cli-list-');
let build: ReturnType<typeof buildCli>;

beforeAll(() => {
  build = buildCli();
});

afterAll(() => {
  build.remove();
});

const cli = (...args: string[]) => runBin(build.bin, args, { cwd: project.path });
const cassettes = () => join(project.path, 'fixtures/cassettes');

describe('spark-cassette list', () => {
  test('tables every cassette under fixtures/cassettes, recursively, with interactions, models, tokens, size and time', async () => {
    await recordCassette(cassettes(), 'agent/tool-session', TOOL_SESSION);
    await recordCassette(cassettes(), 'plain', plainSession(2));

    const run = await cli('list');

    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const [heading, ...rows] = run.stdout.trimEnd().split('\n');
    expect(heading).toMatch(/^NAME\s+INTERACTIONS\s+MODELS\s+TOKENS\s+SIZE\s+RECORDED \(UTC\)$/);
    expect(rows).toHaveLength(2);
    // 73 (tool call) + 42 (answer) + 173 (the stream's usage chunk); the 429 records no usage.
    expect(rows[0]).toMatch(
      /^agent\/tool-session\s+4\s+gpt-4o, gpt-4o-mini, gpt-5-nano\s+288\s+\d+\.\d kB\s+\d{4}-\d\d-\d\d \d\d:\d\d$/,
    );
    expect(rows[1]).toMatch(/^plain\s+2\s+gpt-4o-mini\s+84\s+\d+\.\d kB\s+\d{4}-\d\d-\d\d \d\d:\d\d$/);
  });

  test('prints the same facts as JSON with --json: exact size, token sum and latest recording time', async () => {
    await recordCassette(cassettes(), 'agent/tool-session', TOOL_SESSION);
    const file = join(cassettes(), 'agent/tool-session.yaml');

    const run = await cli('list', '--json');

    expect(run.code).toBe(0);
    const output = JSON.parse(run.stdout);
    expect(output).toEqual({
      command: 'list',
      ok: true,
      cassettes: [
        {
          name: 'agent/tool-session',
          file: 'fixtures/cassettes/agent/tool-session.yaml',
          interactions: 4,
          models: ['gpt-4o', 'gpt-4o-mini', 'gpt-5-nano'],
          totalTokens: 288,
          size: (await stat(file)).size,
          recordedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        },
      ],
      problems: [],
    });
  });

  test('names cassettes relative to the directory it is given, and takes single files too', async () => {
    await recordCassette(join(project.path, 'other'), 'deep/down/one', plainSession(1));

    const byDir = JSON.parse((await cli('list', 'other', '--json')).stdout);
    const byFile = JSON.parse((await cli('list', 'other/deep/down/one.yaml', '--json')).stdout);

    expect(byDir.cassettes.map((c: { name: string }) => c.name)).toEqual(['deep/down/one']);
    expect(byFile.cassettes.map((c: { name: string }) => c.name)).toEqual(['one']);
  });

  test('lists the readable cassettes and exits 1 naming the file and line of one that does not parse', async () => {
    await recordCassette(cassettes(), 'good', plainSession(1));
    await mkdir(cassettes(), { recursive: true });
    // A hand edit gone wrong: `hash` indented one space short of `id`.
    await writeFile(join(cassettes(), 'broken.yaml'), 'version: 1\ninteractions:\n  - id: abc-1\n   hash: abc\n');

    const run = await cli('list');

    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^good\s+1\s+gpt-4o-mini/m);
    expect(run.stdout).toContain('fixtures/cassettes/broken.yaml:4  invalid-yaml');
    expect(run.stdout).toContain('Cannot read cassette fixtures/cassettes/broken.yaml (line 4): invalid YAML');
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
  });
});
