import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { useTempDir } from '../../helpers/temp-dir.js';
import { buildCli, runBin } from './helpers/cli.js';

const COMMANDS = ['list', 'show', 'verify', 'prune', 'redact'];
const project = useTempDir('spark-cli-');
let build: ReturnType<typeof buildCli>;

beforeAll(() => {
  build = buildCli();
});

afterAll(() => {
  build.remove();
});

const cli = (...args: string[]) => runBin(build.bin, args, { cwd: project.path });

describe('spark-cassette bin', () => {
  test('starts with a node shebang, so npm can link it as a bin', () => {
    expect(readFileSync(build.bin, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
  });

  test('prints the global help with every command and exits 0 for --help, -h and help', async () => {
    for (const args of [['--help'], ['-h'], ['help']]) {
      const run = await cli(...args);
      expect(run.code).toBe(0);
      expect(run.stderr).toBe('');
      for (const command of COMMANDS) {
        expect(run.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
      }
      expect(run.stdout).toContain('Exit codes: 0 ok, 1 problems found, 2 usage error.');
    }
  });

  test.each(COMMANDS)(
    'prints the help of %s with its synopsis and exit codes, on --help and through help <command>',
    async (command) => {
      const viaFlag = await cli(command, '--help');
      const viaHelp = await cli('help', command);
      expect(viaFlag.code).toBe(0);
      expect(viaFlag.stdout).toContain(`Usage: spark-cassette ${command}`);
      expect(viaFlag.stdout).toContain('--json');
      expect(viaFlag.stdout).toMatch(/Exit codes: 0 .*, 1 .*, 2 usage error\./);
      expect(viaHelp).toEqual(viaFlag);
    },
  );

  test('lets --help win over a bad flag next to it', async () => {
    const run = await cli('verify', '--no-such-flag', '--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: spark-cassette verify');
  });

  test('prints the package version for --version', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    const run = await cli('--version');
    expect(run).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });
});

describe('usage errors exit 2 and print the usage and the offending argument', () => {
  test('no command at all lists the commands on stderr', async () => {
    const run = await cli();
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('spark-cassette: no command given.');
    expect(run.stderr).toContain('Commands:');
  });

  test('an unknown command is named, with the known ones', async () => {
    const run = await cli('purge');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'spark-cassette: unknown command "purge". Commands: list, show, verify, prune, redact, diff, view, drift.',
    );
    expect(run.stderr).toContain('Usage: spark-cassette <command> [options]');
  });

  test('an unknown flag is named with the command synopsis', async () => {
    const run = await cli('verify', '--fix');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'spark-cassette verify: unknown option "--fix".\nUsage: spark-cassette verify [path...] [--json] [rule options]\nRun `spark-cassette verify --help` for details.\n',
    );
  });

  test('a flag missing its value, and a value given to a switch, are named', async () => {
    const missing = await cli('prune', '--report-dir');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('spark-cassette prune: option "--report-dir" needs a value.');
    const extra = await cli('prune', '--write=yes');
    expect(extra.code).toBe(2);
    expect(extra.stderr).toContain('spark-cassette prune: option "--write" does not take a value.');
  });

  test('a path that does not exist is named and nothing runs', async () => {
    const run = await cli('verify', 'no/such/dir');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('spark-cassette verify: path "no/such/dir" does not exist.');
  });

  test('show without a file, or with two, is a usage error', async () => {
    const none = await cli('show');
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('spark-cassette show: missing <file>');
    const two = await cli('show', 'a.yaml', 'b.yaml');
    expect(two.code).toBe(2);
    expect(two.stderr).toContain('unexpected argument "b.yaml"');
  });

  test('an invalid --pattern and an invalid --ignore-body-field are named', async () => {
    const pattern = await cli('verify', '--pattern', '(unclosed');
    expect(pattern.code).toBe(2);
    expect(pattern.stderr).toContain('option "--pattern" has an invalid regular expression "(unclosed"');
    const field = await cli('redact', '--ignore-body-field', 'a..b');
    expect(field.code).toBe(2);
    expect(field.stderr).toContain('option "--ignore-body-field" has "a..b", which is not a field path');
  });
});

describe('with no cassettes yet', () => {
  test('every command reports that none were found under the default directory and exits 0', async () => {
    for (const command of ['list', 'verify', 'prune', 'redact']) {
      const run = await cli(command);
      expect(run, command).toEqual({ code: 0, stdout: 'No cassettes found.\n', stderr: '' });
    }
  });
});
