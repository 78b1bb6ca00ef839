import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { useTempDir } from '../../helpers/temp-dir.js';
import { buildCli, runBin } from './helpers/cli.js';
import { editFile } from './helpers/edit-file.js';
import { plainSession, RECORDING_KEY, recordCassette, TOOL_SESSION } from './helpers/record.js';

const project = useTempDir('spark-cli-verify-');
let build: ReturnType<typeof buildCli>;
const FILE = 'fixtures/cassettes/session.yaml';
// 50 characters, shown as its first 6 only.
const PLANTED_KEY = 'sk-proj-Plant3dKeyAbcdefghijklmnopqrstuvwxyz012345';

beforeAll(() => {
  build = buildCli();
});

afterAll(() => {
  build.remove();
});

const cli = (...args: string[]) => runBin(build.bin, args, { cwd: project.path });
const path = () => join(project.path, FILE);
const record = () => recordCassette(join(project.path, 'fixtures/cassettes'), 'session', TOOL_SESSION);

async function problems(...args: string[]): Promise<{ code: number | null; problems: Record<string, unknown>[] }> {
  const run = await cli('verify', '--json', ...args);
  return { code: run.code, problems: JSON.parse(run.stdout).problems };
}

describe('spark-cassette verify on clean recordings', () => {
  test('passes recorded cassettes and exits 0', async () => {
    await record();
    await recordCassette(join(project.path, 'fixtures/cassettes'), 'nested/plain', plainSession(2));
    expect(await readFile(path(), 'utf8')).not.toContain(RECORDING_KEY);

    const run = await cli('verify');

    expect(run).toEqual({
      code: 0,
      stdout: '✓ 2 cassettes, 6 interactions verified: they parse, hold no secrets and their hashes match.\n',
      stderr: '',
    });
  });

  test('reports success as JSON with --json', async () => {
    await record();

    const run = await cli('verify', '--json');

    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ command: 'verify', ok: true, files: 1, interactions: 4, problems: [] });
  });
});

describe('spark-cassette verify catches', () => {
  test('an OpenAI key pasted into a response, with file, line, interaction and field, without printing the key', async () => {
    await record();
    await editFile(path(), 'How about "Lisbon"?', `How about "Lisbon"? ${PLANTED_KEY}`);

    const run = await cli('verify');

    expect(run.code).toBe(1);
    const line = (await readFile(path(), 'utf8')).split('\n').findIndex((l) => l.includes(PLANTED_KEY)) + 1;
    expect(run.stdout).toContain(`${FILE}:${line}  secret\n`);
    expect(run.stdout).toMatch(
      /Secret in fixtures\/cassettes\/session\.yaml: interaction #2 \(\w{12}-1\) `response\.body\.json\.choices\[0\]\.message\.content` holds an OpenAI API key \(sk-pro…, 50 characters\)\./,
    );
    expect(run.stdout).toContain(
      `fix: Run \`spark-cassette redact --write ${FILE}\`, then rotate the credential if it was real`,
    );
    expect(run.stdout).not.toContain(PLANTED_KEY);
    expect(run.stdout).toContain('✗ 1 problem in 1 cassette (1 cassette, 4 interactions checked).');
  });

  test('a bearer token in a header that is not on the redaction list', async () => {
    await record();
    await editFile(
      path(),
      '        x-request-id: ',
      '        x-debug-echo: "Bearer eyJhbGciOiJIUzI1NiJ9.payload0123.sig456"\n        x-request-id: ',
    );

    const result = await problems();

    expect(result.code).toBe(1);
    expect(result.problems).toEqual([
      expect.objectContaining({
        code: 'secret',
        file: FILE,
        field: 'interactions[0].response.headers.x-debug-echo',
        interaction: { index: 0, id: expect.any(String) },
      }),
    ]);
    expect(result.problems[0]?.['message']).toContain('holds a bearer token (eyJhbG…, 39 characters).');
  });

  test('cookies and an authorization header that are not the redaction placeholder', async () => {
    await record();
    await editFile(path(), 'set-cookie: REDACTED', 'set-cookie: __cf_bm=q1w2e3r4t5y6; path=/; HttpOnly');
    await editFile(
      path(),
      '        content-type: application/json',
      '        content-type: application/json\n        cookie: session=abc123',
    );
    await editFile(path(), 'authorization: REDACTED', 'authorization: Basic dXNlcjpwYXNz');

    const result = await problems();

    expect(result.code).toBe(1);
    expect(result.problems.map((p) => [p['code'], p['field']])).toEqual([
      ['unredacted-header', 'interactions[0].request.headers.authorization'],
      ['unredacted-header', 'interactions[0].request.headers.cookie'],
      ['unredacted-header', 'interactions[0].response.headers.set-cookie'],
    ]);
    expect(result.problems[1]?.['message']).toMatch(
      /`request\.headers\.cookie` holds a value instead of "REDACTED"\.$/,
    );
  });

  test('a hand-edited request body whose recorded hash no longer matches', async () => {
    await record();
    await editFile(path(), 'content: What is the square of 5?', 'content: What is the square of 6?');

    const result = await problems();

    expect(result.code).toBe(1);
    const hashLine = (await readFile(path(), 'utf8')).split('\n').findIndex((l) => l.startsWith('    hash: ')) + 1;
    expect(result.problems.map((p) => [p['code'], p['field'], p['line']])).toEqual([
      ['hash-mismatch', 'interactions[0].hash', hashLine],
    ]);
    expect(result.problems[0]?.['message']).toContain(
      'the request was edited after recording, so the request your code sends no longer matches it.',
    );
    expect(result.problems[0]?.['fix']).toContain('SPARK_CASSETTE_MODE=record npx vitest run <test file>');
  });

  test('a format version it cannot read', async () => {
    await record();
    await editFile(path(), 'version: 1', 'version: 2');

    const run = await cli('verify');

    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      `${FILE}:1  unknown-version\n  Cannot read cassette ${FILE} (line 1): \`version\` is 2, a version this spark-models cannot read (it reads version 1).`,
    );
  });

  test('invalid YAML, with the file and line and never a stack', async () => {
    await record();
    await editFile(path(), '    hash: ', '   hash: ');

    const run = await cli('verify');

    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /^fixtures\/cassettes\/session\.yaml:\d+  invalid-yaml\n  Cannot read cassette fixtures\/cassettes\/session\.yaml \(line \d+\): invalid YAML: /,
    );
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
  });

  test('the value of OPENAI_API_KEY anywhere in a file', async () => {
    await record();
    await editFile(
      path(),
      'content: What is the square of 5?',
      'content: "What is the square of 5? my-own-key-123456"',
    );

    const run = await runBin(build.bin, ['verify', '--json'], {
      cwd: project.path,
      env: { OPENAI_API_KEY: 'my-own-key-123456' },
    });

    expect(run.code).toBe(1);
    const codes = JSON.parse(run.stdout).problems.map((p: { code: string; message: string }) => [
      p.code,
      p.message.match(/holds (.*) \(/)?.[1],
    ]);
    expect(codes).toContainEqual(['secret', 'the key in OPENAI_API_KEY']);
  });

  test('problems in every file given on the command line, as a pre-commit hook passes them', async () => {
    await record();
    await recordCassette(join(project.path, 'fixtures/cassettes'), 'plain', plainSession(1));
    await editFile(path(), 'version: 1', 'version: 3');
    await editFile(join(project.path, 'fixtures/cassettes/plain.yaml'), 'set-cookie: REDACTED', 'set-cookie: id=1');

    const result = await problems(FILE, 'fixtures/cassettes/plain.yaml');

    expect(result.code).toBe(1);
    expect(result.problems.map((p) => [p['file'], p['code']])).toEqual([
      ['fixtures/cassettes/plain.yaml', 'unredacted-header'],
      [FILE, 'unknown-version'],
    ]);
  });
});

describe('spark-cassette verify with the project rules', () => {
  test('checks extra secret headers and patterns given as --header and --pattern', async () => {
    await record();
    await editFile(path(), '        x-request-id: ', '        x-session-token: st-123\n        x-request-id: ');
    await editFile(path(), 'How about "Lisbon"?', 'How about "Lisbon", customer cus_8472?');

    expect((await problems()).code).toBe(0);
    const result = await problems('--header', 'X-Session-Token', '--pattern', 'cus_\\d+');

    expect(result.code).toBe(1);
    expect(result.problems.map((p) => [p['code'], p['field']])).toEqual([
      ['unredacted-header', 'interactions[0].response.headers.x-session-token'],
      ['secret', 'interactions[1].response.body.json.choices[0].message.content'],
    ]);
  });

  test('leaves the fields of `ignoreBodyFields` out of the hash when passed as --ignore-body-field', async () => {
    const steps = plainSession(1).map((step) => ({
      ...step,
      call: (client: Parameters<typeof step.call>[0]) =>
        client.chat.completions.create({
          model: 'gpt-4o-mini',
          user: 'run-42',
          messages: [{ role: 'user', content: 'hi' }],
        }),
    }));
    await recordCassette(join(project.path, 'fixtures/cassettes'), 'session', steps, { ignoreBodyFields: ['user'] });

    const without = await problems();
    const withField = await problems('--ignore-body-field', 'user');

    expect(without.problems.map((p) => p['code'])).toEqual(['hash-mismatch']);
    expect(withField).toEqual({ code: 0, problems: [] });
  });
});

test('a cassette rewritten by hand into an unreadable shape still gets a line', async () => {
  await record();
  await writeFile(path(), 'version: 1\ninteractions:\n  - id: a\n    hash: b\n');

  const result = await problems();

  expect(result.problems).toEqual([
    expect.objectContaining({ code: 'invalid-format', field: 'interactions[0].request', line: 3 }),
  ]);
});
