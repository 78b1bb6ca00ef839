import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../../../..');

/** What an example printed and how it exited. */
export interface ExampleRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The environment of a newcomer's CI job: `CI=true`, no `OPENAI_API_KEY` at all, no endpoint
 * or mode override; then `overrides` (undefined unsets).
 */
export function ciEnv(overrides: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CI: 'true',
    OPENAI_API_KEY: undefined,
    OPENAI_BASE_URL: undefined,
    OPENAI_ORG_ID: undefined,
    SPARK_CASSETTE_MODE: undefined,
    NO_COLOR: '1',
    ...overrides,
  };
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined));
}

function run(file: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<ExampleRun> {
  return new Promise((done) => {
    execFile(file, args, { cwd: ROOT, env, encoding: 'utf8' }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      done({ code, stdout, stderr });
    });
  });
}

/** `npm run --silent example -- <args>`, exactly the command the README gives. */
export function runExample(args: readonly string[], env: NodeJS.ProcessEnv = ciEnv()): Promise<ExampleRun> {
  return run('npm', ['run', '--silent', 'example', '--', ...args], env);
}

/**
 * Runs an example file with Node 22 and tsx, its requests for api.openai.com rerouted to
 * `upstream` (examples/recording/reroute-openai.ts), as record-fixtures.ts does.
 */
export function runExampleAgainst(upstream: string, name: string, env: NodeJS.ProcessEnv): Promise<ExampleRun> {
  const args = ['--import', 'tsx', '--import', './examples/recording/reroute-openai.ts', `examples/${name}.ts`];
  return run(join(ROOT, 'node_modules/.bin/node'), args, { ...env, SPARK_EXAMPLES_UPSTREAM: upstream });
}
