import { execFileSync } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { useTempDir } from '../../helpers/temp-dir.js';
import { chat } from '../../cassette/helpers/clients.js';
import { buildCli, runBin, runBinOnTty } from './helpers/cli.js';
import { recordCassette, TOOL_SESSION, type SessionStep } from './helpers/record.js';

const project = useTempDir('spark-cli-diff-');
let build: ReturnType<typeof buildCli>;
const ANSI = /\u001b\[\d+m/;

beforeAll(() => {
  build = buildCli();
});

afterAll(() => {
  build.remove();
});

const cli = (...args: string[]) => runBin(build.bin, args, { cwd: project.path });

/**
 * The tool session recorded again after the code and the model changed: the same first
 * call; the answer after the tool result is now cut off by max_tokens (corpus 12); the
 * stream is unchanged; the request that hit a 429 now succeeds (01); and one more question.
 */
const RERECORDED: SessionStep[] = [
  TOOL_SESSION[0] as SessionStep,
  { ...(TOOL_SESSION[1] as SessionStep), reply: '12' },
  TOOL_SESSION[2] as SessionStep,
  { ...(TOOL_SESSION[3] as SessionStep), reply: '01' },
  { reply: '01', call: (client) => client.chat.completions.create(chat('And the square of 6?')) },
];

/**
 * Records `steps` as `<dir>/<name>.yaml`, then points its URLs at `baseUrl` (each recording
 * has its own loopback server, where a real re-recording talks to the same API host).
 */
async function recordAs(dir: string, name: string, steps: readonly SessionStep[], baseUrl?: string): Promise<string> {
  const recorded = await recordCassette(join(project.path, dir), name, steps);
  if (baseUrl) {
    const file = join(project.path, dir, `${name}.yaml`);
    await writeFile(file, (await readFile(file, 'utf8')).replaceAll(recorded, baseUrl));
  }
  return baseUrl ?? recorded;
}

async function recordBoth(): Promise<void> {
  const baseUrl = await recordAs('old', 'session', TOOL_SESSION);
  await recordAs('new', 'session', RERECORDED, baseUrl);
}

function gitIn(cwd: string, ...args: string[]): void {
  execFileSync('git', args, {
    cwd,
    stdio: 'pipe',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@t',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@t',
    },
  });
}

describe('spark-cassette diff <old> <new>', () => {
  test('prints per interaction what changed: the answer word by word, finish, usage, status and error, and an interaction added; exits 1', async () => {
    await recordBoth();

    const run = await cli('diff', 'old/session.yaml', 'new/session.yaml');

    expect(run.stderr).toBe('');
    expect(run.stdout).not.toMatch(ANSI);
    expect(run.code).toBe(1);
    const url = run.stdout.match(/POST (\S+)/)?.[1];
    expect(run.stdout).toBe(
      'new/session.yaml  against old/session.yaml: 2 changed, 1 added, 0 removed, 2 same\n' +
        `  #2  POST ${url}  ·  gpt-4o-mini  changed\n` +
        '    answer     - [-How about "Lisbon"? It’s the capital city-] of [-Portugal, known for its rich history and vibrant culture.-]\n' +
        '               + {+**Title: The Last Ember+} of {+Eldoria**+}\n' +
        '    finish     stop -> length\n' +
        '    tokens     18 in + 24 out = 42 -> 16 in + 10 out = 26\n' +
        `  #4  POST ${url}  ·  gpt-5-nano  changed\n` +
        '    answer     + How about "Lisbon"? It’s the capital city of Portugal, known for its rich history and vibrant culture.\n' +
        '    status     429 -> 200\n' +
        '    error      429 rate_limit_exceeded (tokens): Request too large for gpt-5-nano in organization REDACTED on tokens per min (TPM): Limit 2000000, Requested 2500013. The input or output tokens must be reduced in order to run successfully. Visit https://platform.openai.com/account/rate-limits to learn more. -> (none)\n' +
        '    finish     (none) -> stop\n' +
        '    tokens     (none) -> 18 in + 24 out = 42\n' +
        '    model      (none) -> gpt-4o-mini-2024-07-18\n' +
        `  #5  POST ${url}  ·  gpt-4o-mini  added\n` +
        '    asked      And the square of 6?\n' +
        '    answer     + How about "Lisbon"? It’s the capital city of Portugal, known for its rich history and vibrant culture.\n' +
        '               status 200 · finish stop · tokens 18 in + 24 out = 42\n' +
        '\n' +
        '✗ 1 cassette differs: 2 interactions changed, 1 added, 0 removed (1 cassette compared).\n',
    );
  });

  test('emits the diff as JSON with --json: counts, request paths, word parts, tool calls and changes', async () => {
    await recordBoth();

    const run = await cli('diff', 'old/session.yaml', 'new/session.yaml', '--json');

    expect(run.code).toBe(1);
    const output = JSON.parse(run.stdout);
    expect(output).toMatchObject({ command: 'diff', ok: true, differences: 3, unchanged: 0, problems: [] });
    const [cassette] = output.cassettes;
    expect(cassette).toMatchObject({
      before: 'old/session.yaml',
      after: 'new/session.yaml',
      change: 'changed',
      counts: { same: 2, changed: 2, added: 1, removed: 0 },
    });
    expect(cassette.interactions.map((i: { change: string }) => i.change)).toEqual(['changed', 'changed', 'added']);
    expect(cassette.interactions[0]).toMatchObject({
      before: { index: 1 },
      after: { index: 1 },
      request: [],
      toolCalls: [],
      finishReason: { before: 'stop', after: 'length' },
      usage: { before: { input: 18, output: 24, total: 42 }, after: { input: 16, output: 10, total: 26 } },
    });
    expect(cassette.interactions[0].answer[0]).toEqual({
      kind: 'removed',
      text: 'How about "Lisbon"? It’s the capital city',
    });
    expect(cassette.interactions[1]).toMatchObject({
      status: { before: 429, after: 200 },
      error: { before: { status: 429, code: 'rate_limit_exceeded', type: 'tokens' } },
    });
    expect(cassette.interactions[2]).toMatchObject({
      change: 'added',
      after: { index: 4 },
      asked: 'And the square of 6?',
    });
  });

  test('reports a changed request as the paths that differ, and a changed tool call by its input', async () => {
    const baseUrl = await recordAs('old', 'ask', [
      { reply: '02', call: (c) => c.chat.completions.create(chat('What is the square of 5?')) },
    ]);
    await recordAs(
      'new',
      'ask',
      [{ reply: '03', call: (c) => c.chat.completions.create(chat('What is the square of 7?', 'gpt-4o')) }],
      baseUrl,
    );

    const run = await cli('diff', 'old/ask.yaml', 'new/ask.yaml');

    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      '    request    body.model: "gpt-4o-mini" -> "gpt-4o"\n' +
        '               body.messages[0].content: "What is the square of 5?" -> "What is the square of 7?"\n',
    );
    expect(run.stdout).toContain(
      '    tool calls - square_number {"number":5}\n' +
        '               + parallel_local_search_one {"query":"latest OpenAI model release notes"}\n',
    );
  });

  test('ignores ids and times: tool call ids and recording times that differ are no difference; exits 0', async () => {
    await recordAs('old', 'session', TOOL_SESSION);
    const old = await readFile(join(project.path, 'old/session.yaml'), 'utf8');
    await mkdir(join(project.path, 'new'), { recursive: true });
    const renamed = old
      .replaceAll('call_i6JVJ1KxX79A4WzFri98E03U', 'call_SomeOtherIdFromANewRecording')
      .replace(/recordedAt: .*/g, 'recordedAt: 2031-01-01T00:00:00.000Z');
    expect(renamed).not.toBe(old);
    await writeFile(join(project.path, 'new/session.yaml'), renamed);

    const run = await cli('diff', 'old/session.yaml', 'new/session.yaml');

    expect(run).toEqual({ code: 0, stdout: '✓ No differences: 1 cassette compared.\n', stderr: '' });
  });

  test('compares two directories cassette by cassette, naming cassettes only one side has', async () => {
    await recordBoth();
    const baseUrl = await recordAs('new', 'extra', [
      { reply: '01', call: (c) => c.chat.completions.create(chat('Hi')) },
    ]);
    await recordAs('old', 'gone', [{ reply: '01', call: (c) => c.chat.completions.create(chat('Bye')) }], baseUrl);

    const run = await cli('diff', 'old', 'new');

    expect(run.code).toBe(1);
    expect(run.stdout).toContain('+ new/extra.yaml  new cassette, 1 interaction\n');
    expect(run.stdout).toContain('- old/gone.yaml  deleted, 1 interaction\n');
    expect(run.stdout).toContain('new/session.yaml  against old/session.yaml: 2 changed, 1 added, 0 removed, 2 same\n');
    expect(run.stdout).toMatch(
      /✗ 3 cassettes differ: 2 interactions changed, 2 added, 1 removed \(3 cassettes compared\)\.\n$/,
    );
  });

  test('colours on a terminal: changed words inverted, no [- -] marks', async () => {
    await recordBoth();

    const run = await runBinOnTty(build.bin, ['diff', 'old/session.yaml', 'new/session.yaml'], { cwd: project.path });

    expect(run.stdout).toMatch(ANSI);
    expect(run.stdout).toContain('\u001b[7mHow about "Lisbon"? It’s the capital city\u001b[27m');
    expect(run.stdout).not.toContain('[-');
  });

  test('exits 2 for a usage error or a cassette it cannot read, saying which', async () => {
    await recordBoth();
    const one = await cli('diff', 'old/session.yaml');
    expect(one.code).toBe(2);
    expect(one.stderr).toContain('spark-cassette diff: missing <new>: name two cassettes (or directories) to compare');

    const mixed = await cli('diff', 'old/session.yaml', 'new');
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain('"old/session.yaml" and "new" are not both files or both directories.');

    await writeFile(join(project.path, 'new/broken.yaml'), 'version: 1\ninteractions: [\n');
    const broken = await cli('diff', 'old/session.yaml', 'new/broken.yaml');
    expect(broken.code).toBe(2);
    expect(broken.stdout).toMatch(/^new\/broken\.yaml(:\d+)?  invalid-yaml\n/);
  });
});

describe('spark-cassette diff --git <ref>', () => {
  test('compares the working tree with a revision: changed, new and deleted cassettes', async () => {
    const baseUrl = await recordAs('fixtures/cassettes', 'session', TOOL_SESSION);
    await recordAs(
      'fixtures/cassettes',
      'gone',
      [{ reply: '01', call: (c) => c.chat.completions.create(chat('Bye')) }],
      baseUrl,
    );
    gitIn(project.path, 'init', '-q');
    gitIn(project.path, 'add', '-A');
    gitIn(project.path, 'commit', '-qm', 'recorded');
    await rm(join(project.path, 'fixtures/cassettes/session.yaml'));
    await recordAs('fixtures/cassettes', 'session', RERECORDED, baseUrl);
    await rm(join(project.path, 'fixtures/cassettes/gone.yaml'));
    await recordAs(
      'fixtures/cassettes',
      'extra',
      [{ reply: '01', call: (c) => c.chat.completions.create(chat('Hi')) }],
      baseUrl,
    );

    const run = await cli('diff', '--git', 'HEAD');

    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('+ fixtures/cassettes/extra.yaml  new cassette, 1 interaction\n');
    expect(run.stdout).toContain('- HEAD:fixtures/cassettes/gone.yaml  deleted, 1 interaction\n');
    expect(run.stdout).toContain(
      'fixtures/cassettes/session.yaml  against HEAD:fixtures/cassettes/session.yaml: 2 changed, 1 added, 0 removed, 2 same\n',
    );
    const one = await cli('diff', '--git', 'HEAD', 'fixtures/cassettes/session.yaml', '--json');
    expect(JSON.parse(one.stdout).cassettes.map((c: { after: string }) => c.after)).toEqual([
      'fixtures/cassettes/session.yaml',
    ]);

    gitIn(project.path, 'add', '-A');
    gitIn(project.path, 'commit', '-qm', 're-recorded');
    expect(await cli('diff', '--git', 'HEAD')).toEqual({
      code: 0,
      stdout: '✓ No differences: 2 cassettes compared.\n',
      stderr: '',
    });
  });

  test('exits 2 for a revision that does not exist, or outside a repository', async () => {
    await mkdir(join(project.path, 'fixtures/cassettes'), { recursive: true });
    const outside = await cli('diff', '--git', 'HEAD');
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain('option "--git" needs a git repository');

    gitIn(project.path, 'init', '-q');
    const unknown = await cli('diff', '--git', 'no-such-branch');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('option "--git" has "no-such-branch", which is not a commit in this repository.');
  });
});
