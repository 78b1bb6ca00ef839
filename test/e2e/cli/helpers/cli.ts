import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../../../..');
const node = join(root, 'node_modules/.bin/node');

/** What a CLI run printed and how it exited. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Builds the package with its own build config (`tsconfig.build.json`) into a private directory
 * and returns the built bin. Not `dist/`: the pack test rebuilds `dist/` (rm -rf, then tsc) in
 * parallel with these files. The directory sits under `node_modules/.cache` so the built files
 * resolve the project's dependencies exactly as `dist/` does.
 */
export function buildCli(): { bin: string; remove(): void } {
  const outDir = join(
    root,
    'node_modules/.cache/spark-models-e2e',
    `cli-${process.pid}-${randomBytes(4).toString('hex')}`,
  );
  execFileSync(join(root, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.build.json', '--outDir', outDir], {
    cwd: root,
    stdio: 'pipe',
  });
  return { bin: join(outDir, 'cli/index.js'), remove: () => rmSync(outDir, { recursive: true, force: true }) };
}

/**
 * Runs the built bin with Node 22 (`node_modules/.bin/node`) as a real subprocess. Colour
 * variables are cleared unless `env` sets them, so output is what a pipe gets.
 */
export function runBin(
  bin: string,
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string | undefined> },
): Promise<CliRun> {
  return new Promise((done) => {
    execFile(
      node,
      [bin, ...args],
      { cwd: options.cwd, env: childEnv(options.env), encoding: 'utf8' },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}

/**
 * Runs the bin on a pseudo-terminal (util-linux `script`), so stdout is a real TTY. Output
 * comes back with the terminal's CRLF line ends turned into LF.
 */
export function runBinOnTty(
  bin: string,
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string | undefined> },
): Promise<CliRun> {
  const command = [node, bin, ...args].map((part) => `'${part.replaceAll("'", `'\\''`)}'`).join(' ');
  return new Promise((done) => {
    execFile(
      'script',
      ['-qec', command, '/dev/null'],
      { cwd: options.cwd, env: childEnv({ TERM: 'xterm-256color', ...options.env }), encoding: 'utf8' },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        done({ code, stdout: stdout.replaceAll('\r\n', '\n'), stderr });
      },
    );
  });
}

// The test process's environment without colour settings, then `overrides` (undefined unsets).
function childEnv(overrides: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...overrides };
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined));
}
