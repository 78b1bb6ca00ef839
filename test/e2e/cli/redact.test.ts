import { readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { useTempDir } from '../../helpers/temp-dir.js';
import { buildCli, runBin } from './helpers/cli.js';
import { editFile } from './helpers/edit-file.js';
import { recordCassette, replayAndReport, TOOL_SESSION } from './helpers/record.js';

const project = useTempDir('spark-cli-redact-');
let build: ReturnType<typeof buildCli>;
const FILE = 'fixtures/cassettes/session.yaml';
const LEAKED_KEY = 'sk-proj-Leak3dKeyAbcdefghijklmnopqrstuvwxyz0123';

beforeAll(() => {
  build = buildCli();
});

afterAll(() => {
  build.remove();
});

const cli = (...args: string[]) => runBin(build.bin, args, { cwd: project.path });
const path = () => join(project.path, FILE);
const cassetteDir = () => join(project.path, 'fixtures/cassettes');

/** A recorded session with secrets slipped in where recording rules would not have caught them. */
async function recordWithLeaks(): Promise<string> {
  const baseUrl = await recordCassette(cassetteDir(), 'session', TOOL_SESSION);
  await editFile(path(), 'authorization: REDACTED', `authorization: Bearer ${LEAKED_KEY}`);
  await editFile(path(), 'set-cookie: REDACTED', 'set-cookie: __cf_bm=q1w2e3r4t5y6; path=/; HttpOnly');
  await editFile(path(), 'How about "Lisbon"?', `How about "Lisbon"? Your key is ${LEAKED_KEY}`);
  await editFile(
    path(),
    '        x-request-id: ',
    '        x-debug-echo: "Bearer eyJhbGciOiJIUzI1NiJ9.payload0123.sig456"\n        x-request-id: ',
  );
  return baseUrl;
}

describe('spark-cassette redact', () => {
  test('lists what it would change and leaves the file alone without --write', async () => {
    await recordWithLeaks();
    const before = await readFile(path(), 'utf8');

    const run = await cli('redact');

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^fixtures\/cassettes\/session\.yaml: would redact 2 interactions\n {2}#1 \w{12}-1: request\.headers\.authorization, response\.headers\.set-cookie, response\.headers\.x-debug-echo\n {2}#2 \w{12}-1: response\.body\n\nDry run: nothing was changed\. Run the same command with `--write` to apply it\.\n$/,
    );
    expect(await readFile(path(), 'utf8')).toBe(before);
    expect((await cli('verify')).code).toBe(1);
  });

  test('rewrites the file with --write so that verify passes and the cassette still replays', async () => {
    const baseUrl = await recordWithLeaks();

    const run = await cli('redact', '--write');

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^fixtures\/cassettes\/session\.yaml: redacted 2 interactions\n/);
    const text = await readFile(path(), 'utf8');
    expect(text).not.toContain(LEAKED_KEY);
    expect(text).not.toContain('__cf_bm');
    expect(text).toContain('How about "Lisbon"? Your key is REDACTED');
    expect(text).toContain('x-debug-echo: Bearer REDACTED');
    expect(await cli('verify')).toEqual({
      code: 0,
      stdout: expect.stringContaining('✓ 1 cassette, 4 interactions verified'),
      stderr: '',
    });
    expect(
      await replayAndReport(cassetteDir(), 'session', baseUrl, TOOL_SESSION, join(project.path, '.reports')),
    ).toEqual([]);
    expect((await cli('redact')).stdout).toBe('Nothing to redact in 1 cassette.\n');
  });

  test('recomputes the hash of a request it redacts, so verify passes after', async () => {
    await recordCassette(cassetteDir(), 'session', TOOL_SESSION);
    await editFile(path(), 'content: What is the square of 5?', `content: What is the square of 5? ${LEAKED_KEY}`);

    const run = await cli('redact', '--write', '--json');

    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).cassettes).toEqual([
      { file: FILE, written: true, changes: [{ index: 0, id: expect.any(String), fields: ['request.body', 'hash'] }] },
    ]);
    expect((await cli('verify')).code).toBe(0);
  });

  test('applies extra rules given as --header and --pattern, which verify then accepts with the same flags', async () => {
    await recordCassette(cassetteDir(), 'session', TOOL_SESSION);
    await editFile(path(), '        x-request-id: ', '        x-session-token: st-123\n        x-request-id: ');
    await editFile(path(), 'How about "Lisbon"?', 'How about "Lisbon", customer cus_8472?');
    const rules = ['--header', 'x-session-token', '--pattern', 'cus_\\d+'];

    const run = await cli('redact', '--write', ...rules);

    expect(run.code).toBe(0);
    const text = await readFile(path(), 'utf8');
    expect(text).toContain('x-session-token: REDACTED');
    expect(text).toContain('customer REDACTED?');
    expect((await cli('verify', ...rules)).code).toBe(0);
  });

  test('reports the dry run as JSON with --json', async () => {
    await recordWithLeaks();

    const run = await cli('redact', '--json');

    expect(JSON.parse(run.stdout)).toEqual({
      command: 'redact',
      ok: true,
      write: false,
      files: 1,
      cassettes: [
        {
          file: FILE,
          written: false,
          changes: [
            {
              index: 0,
              id: expect.any(String),
              fields: ['request.headers.authorization', 'response.headers.set-cookie', 'response.headers.x-debug-echo'],
            },
            { index: 1, id: expect.any(String), fields: ['response.body'] },
          ],
        },
      ],
      problems: [],
    });
  });

  test('leaves a clean file byte for byte as it was', async () => {
    await recordCassette(cassetteDir(), 'session', TOOL_SESSION);
    const before = await readFile(path(), 'utf8');

    const run = await cli('redact', '--write');

    expect(run).toEqual({ code: 0, stdout: 'Nothing to redact in 1 cassette.\n', stderr: '' });
    expect(await readFile(path(), 'utf8')).toBe(before);
  });

  test('refuses to rewrite a cassette another process is recording, and exits 1', async () => {
    await recordWithLeaks();
    const before = await readFile(path(), 'utf8');
    // This test process stands in for a recording run holding the lock.
    await writeFile(
      `${path()}.lock`,
      JSON.stringify({ pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString() }),
    );

    const run = await cli('redact', '--write');

    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${FILE}  locked\n  Cannot rewrite cassette ${FILE}: Cannot record cassette`);
    expect(run.stdout).toContain('fix: Run the command again once the recording has finished.');
    expect(await readFile(path(), 'utf8')).toBe(before);
  });
});
