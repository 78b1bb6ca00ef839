import { execFile, execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../../../..');
const BIN = join(ROOT, 'node_modules/.bin');

/** The README's project: a vitest config, the code under test and its spec files. */
export const PROJECT_FILES = join(ROOT, 'test/e2e/readme/project');

/** What a command printed and how it exited. */
export interface CommandRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr together, colour codes removed. */
  output: string;
}

/** A fresh project that installed the packed tarball, as a user's does. */
export interface UserProject {
  dir: string;
  /** Runs `npx <args>` in the project (Node 22 first on the PATH), with `env` over a clean environment. */
  npx(args: readonly string[], env?: Record<string, string>): Promise<CommandRun>;
  read(path: string): Promise<string>;
  write(path: string, text: string): Promise<void>;
  remove(): Promise<void>;
}

const versionOf = (name: string): string =>
  JSON.parse(execFileSync('npm', ['ls', name, '--json', '--depth=0'], { cwd: ROOT, encoding: 'utf8' })).dependencies[
    name
  ].version;

/**
 * Packs spark-models, installs the tarball (with vitest and msw, as the README's install step
 * says) in an empty project under the OS temp dir, and copies the README's project files in.
 */
export async function createUserProject(): Promise<UserProject> {
  const dir = await mkdtemp(join(tmpdir(), 'spark-readme-'));
  const env = { ...process.env, PATH: `${BIN}:${process.env['PATH']}` };
  // `npm pack` runs `prepack`, which builds dist/.
  const tarball =
    execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: ROOT, env, encoding: 'utf8' })
      .trim()
      .split('\n')
      .pop() ?? '';
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'readme-user', private: true, type: 'module' }));
  // msw's version is the one spark-models depends on (MSW 3 serves one server per process).
  const install = [
    'install',
    '--no-audit',
    '--no-fund',
    '--prefer-offline',
    join(dir, tarball),
    `vitest@${versionOf('vitest')}`,
    `msw@${versionOf('msw')}`,
  ];
  execFileSync('npm', install, { cwd: dir, env, stdio: 'pipe' });
  await cp(PROJECT_FILES, dir, { recursive: true });
  return {
    dir,
    npx: (args, extra = {}) =>
      run('npx', args, dir, {
        ...cleanEnv(),
        PATH: `${join(dir, 'node_modules/.bin')}:${BIN}:${process.env['PATH']}`,
        ...extra,
      }),
    read: (path) => readFile(join(dir, path), 'utf8'),
    write: (path, text) => writeFile(join(dir, path), text),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

// The test's environment without anything that would change a user's run.
function cleanEnv(): Record<string, string> {
  const env: Record<string, string | undefined> = {
    ...process.env,
    NO_COLOR: '1',
    FORCE_COLOR: undefined,
    CI: undefined,
    OPENAI_API_KEY: undefined,
    OPENAI_BASE_URL: undefined,
    OPENAI_ORG_ID: undefined,
    SPARK_CASSETTE_MODE: undefined,
    NODE_OPTIONS: undefined,
  };
  // vitest marks its own workers; a nested run must not inherit that.
  for (const name of Object.keys(env).filter((key) => key.startsWith('VITEST'))) {
    delete env[name];
  }
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

function run(command: string, args: readonly string[], cwd: string, env: Record<string, string>): Promise<CommandRun> {
  return new Promise((done) => {
    execFile(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 32 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      done({ code, stdout, stderr, output: `${stdout}\n${stderr}`.replace(/\u001b\[[0-9;]*m/g, '') });
    });
  });
}

/** Environment that sends the project's api.openai.com requests to `upstream` (or nowhere). */
export function rerouteTo(upstream: string): Record<string, string> {
  return {
    NODE_OPTIONS: `--import ${join(ROOT, 'examples/recording/reroute-openai.ts')}`,
    SPARK_EXAMPLES_UPSTREAM: upstream,
  };
}
