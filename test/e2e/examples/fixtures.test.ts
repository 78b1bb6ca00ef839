import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildCli, runBin } from '../cli/helpers/cli.js';
import { ciEnv, ROOT } from './helpers/run-example.js';

const SHIPPED = join(ROOT, 'fixtures/cassettes/examples');

// `spark-cassette show` of the agent example's cassette; the README quotes it from "#1" on.
const AGENT_TRANSCRIPT = `fixtures/cassettes/examples/agent.yaml
2 interactions · recorded by spark-models 0.1.0 with openai 7.57.0

#1  POST https://api.openai.com/v1/chat/completions  ·  gpt-3.5-turbo  ·  9e4c9699c6ad-1
    tools      get_current_weather
    user       What's the weather like in San Francisco and Boston?
  ← 200
    assistant  → get_current_weather {"location":"San Francisco"}  (call_3JNWJ9wdfRsmkhKWql4HqJhR)
               → get_current_weather {"location":"Boston"}  (call_8jQ7TzSBlLV4tzrMRpq5Tg98)
               finish tool_calls · tokens 70 in + 46 out = 116

#2  POST https://api.openai.com/v1/chat/completions  ·  gpt-3.5-turbo  ·  1f9a6e9279da-1
    tools      get_current_weather
    … 1 earlier message as in #1
    assistant  → get_current_weather {"location":"San Francisco"}  (call_3JNWJ9wdfRsmkhKWql4HqJhR)
               → get_current_weather {"location":"Boston"}  (call_8jQ7TzSBlLV4tzrMRpq5Tg98)
    tool       (result of call_3JNWJ9wdfRsmkhKWql4HqJhR) 14°C and foggy
    tool       (result of call_8jQ7TzSBlLV4tzrMRpq5Tg98) 3°C with light snow
  ← 200
    assistant  It is 14°C and foggy in San Francisco, and 3°C with light snow in Boston.
               finish stop · tokens 188 in + 22 out = 210
`;

/**
 * A cassette without what may differ between two recordings of the same session: the time
 * (`recordedAt`), the toolkit version in `provenance`, and the platform the SDK reports in its
 * `x-stainless-*` headers (another OS, CPU or Node patch release).
 */
function comparable(text: string): string {
  return text.replaceAll(
    /^(\s*)(recordedAt|toolkit|x-stainless-arch|x-stainless-os|x-stainless-runtime-version): .*$/gm,
    '$1$2: …',
  );
}

describe('the cassettes the examples replay', () => {
  let cli: ReturnType<typeof buildCli>;
  let rerecorded: string;

  beforeAll(async () => {
    cli = buildCli();
    rerecorded = await mkdtemp(join(tmpdir(), 'spark-example-fixtures-'));
  });

  afterAll(async () => {
    cli.remove();
    await rm(rerecorded, { recursive: true, force: true });
  });

  test('pass spark-cassette verify: they parse, hold no secret, and their hashes match', async () => {
    const run = await runBin(cli.bin, ['verify', 'fixtures/cassettes/examples'], { cwd: ROOT });
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^✓ 7 cassettes, \d+ interactions verified/);
    expect(run.code).toBe(0);
  });

  test('read as a transcript with spark-cassette show', async () => {
    const run = await runBin(cli.bin, ['show', 'fixtures/cassettes/examples/agent.yaml'], { cwd: ROOT });
    expect(run.stdout).toBe(AGENT_TRANSCRIPT);
    expect(run.code).toBe(0);
  });

  test('record requests to https://api.openai.com, the URL users see', async () => {
    for (const file of await readdir(SHIPPED)) {
      const urls = [...(await readFile(join(SHIPPED, file), 'utf8')).matchAll(/^\s+url: (.*)$/gm)].map((m) => m[1]);
      expect(urls.length).toBeGreaterThan(0);
      const api = file === 'responses.yaml' ? 'responses' : 'chat/completions';
      expect(new Set(urls)).toEqual(new Set([`https://api.openai.com/v1/${api}`]));
    }
  });

  test('are exactly what examples/recording/record-fixtures.ts records, but for times', async () => {
    const script = join(ROOT, 'examples/recording/record-fixtures.ts');
    await promisify(execFile)(join(ROOT, 'node_modules/.bin/tsx'), [script, '--root', rerecorded], {
      cwd: ROOT,
      env: ciEnv({ CI: undefined }),
    });
    const fresh = join(rerecorded, 'fixtures/cassettes/examples');
    const shipped = (await readdir(SHIPPED)).sort();
    expect((await readdir(fresh)).sort()).toEqual(shipped);
    for (const file of shipped) {
      const expected = comparable(await readFile(join(SHIPPED, file), 'utf8'));
      const actual = comparable(await readFile(join(fresh, file), 'utf8'));
      // On a failure: an example or the recording changed; run `npx tsx examples/recording/record-fixtures.ts`.
      expect(actual, `${file} differs from a fresh recording`).toBe(expected);
    }
  });
});
