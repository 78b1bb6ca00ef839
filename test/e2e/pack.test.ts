import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const bin = join(root, 'node_modules/.bin');
const env = { ...process.env, PATH: `${bin}:${process.env.PATH}` };
let project: string;

function run(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'spark-pack-'));
  // `npm pack` runs `prepack`, which builds dist/.
  const tarball = run('npm', ['pack', '--silent', '--pack-destination', project], root).trim().split('\n').pop()!;
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  // vitest is an optional peer, needed by `spark-models/vitest`: install it as a user would.
  const vitest = JSON.parse(run('npm', ['ls', 'vitest', '--json', '--depth=0'], root)).dependencies.vitest.version;
  run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--prefer-offline', join(project, tarball), `vitest@${vitest}`],
    project,
  );
});

afterAll(() => {
  rmSync(project, { recursive: true, force: true });
});

describe('the packed tarball', () => {
  test('holds only dist and the package metadata', () => {
    const files = readdirSync(join(project, 'node_modules/spark-models')).sort();
    expect(files).toEqual(['README.md', 'dist', 'package.json']);
    expect(readdirSync(join(project, 'node_modules/spark-models/dist')).some((f) => f.endsWith('.ts'))).toBe(true);
  });

  test('installs in an empty project whose imports resolve at run time', () => {
    writeFileSync(
      join(project, 'run.mjs'),
      `import { OpenAIModel, ModelRateLimitError, isModelError } from 'spark-models';
       const model = new OpenAIModel({ modelId: 'gpt-4o-mini', apiKey: 'not-needed' });
       console.log(JSON.stringify({ model: model.getConfig().modelId, rate: typeof ModelRateLimitError, guard: isModelError(new ModelRateLimitError('x')) }));`,
    );
    const out = run(join(bin, 'node'), ['run.mjs'], project);
    expect(JSON.parse(out)).toEqual({ model: 'gpt-4o-mini', rate: 'function', guard: true });
  });

  test('resolves the testing subpath at run time', () => {
    writeFileSync(
      join(project, 'scripted.mjs'),
      `import { ScriptedModel, reply, openaiResponses } from 'spark-models/testing';
       const model = new ScriptedModel([reply.text('Paris')]);
       const response = await model.getText({ messages: [{ role: 'user', content: [{ text: 'Capital of France?' }] }] });
       const http = openaiResponses.rateLimit({ retryAfterMs: 100 });
       console.log(JSON.stringify({ text: response.text, status: http.status }));`,
    );
    const out = run(join(bin, 'node'), ['scripted.mjs'], project);
    expect(JSON.parse(out)).toEqual({ text: 'Paris', status: 429 });
  });

  test('replays a cassette through the cassette subpath with no key and no network', () => {
    writeFileSync(
      join(project, 'cassette.mjs'),
      `import { startCassette, CassetteMissError } from 'spark-models/cassette';
       import { OpenAIModel } from 'spark-models';
       const cassette = await startCassette('empty', { dir: 'cassettes', mode: 'replay' });
       const model = new OpenAIModel({ modelId: 'gpt-4o-mini', maxRetries: 0 });
       const error = await model.getText({ messages: [{ role: 'user', content: [{ text: 'Hi' }] }] }).catch((e) => e);
       await cassette.stop().catch(() => undefined);
       console.log(JSON.stringify({ miss: error instanceof CassetteMissError, name: error.name }));`,
    );
    const out = run(join(bin, 'node'), ['cassette.mjs'], project);
    expect(JSON.parse(out.trim().split('\n').pop()!)).toEqual({ miss: true, name: 'CassetteMissError' });
  });

  test('installs the spark-cassette bin', () => {
    const out = run(join(project, 'node_modules/.bin/spark-cassette'), ['--help'], project);
    expect(out).toMatch(/list/);
    expect(out).toMatch(/verify/);
  });

  test('ships types that a strict TypeScript consumer compiles against', () => {
    writeFileSync(
      join(project, 'check.ts'),
      `import { OpenAIModel, Agent, tool, type ModelResponse, type Message } from 'spark-models';
       import { ScriptedModel, reply } from 'spark-models/testing';
       import { sparkMatchers } from 'spark-models/vitest';
       export const matchers: object = sparkMatchers;
       export const agent = new Agent({ model: new ScriptedModel([reply.text('hi')]), tools: [tool({ name: 'noop', description: 'Does nothing.', inputSchema: { type: 'object', properties: {} }, execute: () => 'ok' })] });
       const messages: Message[] = [{ role: 'user', content: [{ text: 'Hi' }] }];
       const model = new OpenAIModel({ modelId: 'gpt-4o', temperature: 0.2 });
       export const pending: Promise<ModelResponse> = model.getText({ messages });
       // @ts-expect-error temperature must be a number
       new OpenAIModel({ modelId: 'gpt-4o', temperature: 'hot' });`,
    );
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          target: 'ES2023',
          noEmit: true,
          skipLibCheck: false,
          types: [],
        },
        files: ['check.ts'],
      }),
    );
    expect(() => run(join(bin, 'tsc'), ['-p', 'tsconfig.json'], project)).not.toThrow();
  });
});
