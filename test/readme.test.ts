import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  BLOCK_NETWORK_ENV_VAR,
  CASSETTE_MODES,
  DEFAULT_ALLOWED_HOSTS,
  DEFAULT_CASSETTE_DIR,
  MODE_ENV_VAR,
  REDACTED_HEADERS,
  STOP_WAIT_MS,
  TRANSPORT_HEADERS,
} from '../src/cassette/defaults.js';
import { COMMAND_NAMES, COMMANDS, type CommandName } from '../src/cli/command-specs.js';
import {
  codeBlocks,
  filesUnder,
  findBlock,
  readSources,
  shellWords,
  tableKeys,
  type CodeBlock,
} from './helpers/readme-blocks.js';

// Every code block of the README must be backed by something that runs, so the guide cannot rot:
// - ts: the same lines (indentation aside) in an example (run by test/e2e/examples/) or a test
//   file (the README's project, test/e2e/readme/project/, runs as a user's would);
// - text: program output, the same lines in the test that asserts that output;
// - yaml: the same lines in a shipped cassette (its `recordedAt` aside);
// - sh: commands that exist: npm scripts, package bins, their subcommands and flags, files.

const ROOT = resolve(import.meta.dirname, '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  bin?: Record<string, string>;
  scripts: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
};
const README_PROJECT = join(ROOT, 'test/e2e/readme/project');
const SELF = ['test/readme.test.ts', 'test/helpers/readme-blocks.ts'];

// Output quoted in a template literal has its backticks escaped.
const unescape = (line: string): string => line.trim().replaceAll('\\`', '`');
const codeSources = readSources(
  [...filesUnder(join(ROOT, 'examples'), ['.ts']), ...filesUnder(join(ROOT, 'test'), ['.ts'])].filter(
    (path) => !SELF.some((self) => path.endsWith(self)),
  ),
  ROOT,
  unescape,
);
const maskTime = (line: string): string => line.trim().replace(/^recordedAt: .*/, 'recordedAt: …');
const cassetteSources = readSources(filesUnder(join(ROOT, 'fixtures/cassettes'), ['.yaml']), ROOT, maskTime);
const sourceText = filesUnder(join(ROOT, 'src'), ['.ts'])
  .map((path) => readFileSync(path, 'utf8'))
  .join('\n');

const where = (block: CodeBlock): string =>
  `README.md line ${block.line} (\`\`\`${block.lang} block starting "${block.title}")`;

/** What is wrong with one command line of a sh block, or undefined when it is a real command. */
function commandProblem(line: string): string | undefined {
  const words = shellWords(line);
  while (words[0] && /^[A-Z_]+=/.test(words[0])) {
    const [name = '', value = ''] = (words.shift() ?? '').split(/=(.*)/);
    if (name !== 'CI' && !sourceText.includes(name)) {
      return `sets ${name}, which nothing in src/ reads`;
    }
    if (name === MODE_ENV_VAR && !(CASSETTE_MODES as readonly string[]).includes(value)) {
      return `sets ${MODE_ENV_VAR}="${value}", not one of ${CASSETTE_MODES.join(', ')}`;
    }
    if (name === 'OPENAI_API_KEY' && value !== 'sk-...') {
      return 'sets OPENAI_API_KEY to something other than the placeholder "sk-..."';
    }
  }
  const [tool, ...args] = words;
  if (tool === 'npm') {
    return npmProblem(args);
  }
  if (tool === 'npx') {
    return npxProblem(args);
  }
  return `runs "${tool}", which this check does not know`;
}

function isDependency(name: string): boolean {
  return (
    name === PKG.name ||
    [PKG.dependencies, PKG.devDependencies, PKG.peerDependencies].some((deps) => deps?.[name] !== undefined)
  );
}

function npmProblem([command, ...args]: string[]): string | undefined {
  if (command === 'install') {
    const unknown = args.filter((arg) => !arg.startsWith('-') && !isDependency(arg));
    return unknown.length > 0
      ? `installs ${unknown.join(', ')}, which package.json neither is nor depends on`
      : undefined;
  }
  if (command === 'test') {
    return PKG.scripts['test'] ? undefined : 'runs `npm test`, but package.json has no test script';
  }
  if (command === 'run') {
    const [script = '', separator, name] = args;
    if (!PKG.scripts[script]) {
      return `runs the npm script "${script}", which package.json does not have`;
    }
    if (script === 'example' && separator === '--' && !existsSync(join(ROOT, 'examples', `${name}.ts`))) {
      return `runs the example "${name}", but there is no examples/${name}.ts`;
    }
    return undefined;
  }
  return `runs "npm ${command}", which this check does not know`;
}

function npxProblem([bin = '', ...args]: string[]): string | undefined {
  if (bin === 'vitest') {
    const missing = args.slice(1).filter((file) => !existsSync(join(README_PROJECT, file)));
    return args[0] !== 'run'
      ? 'runs vitest without `run`'
      : missing.length > 0
        ? `names ${missing.join(', ')}, not a file of the README's project (test/e2e/readme/project)`
        : undefined;
  }
  if (bin === 'tsx') {
    return args[0] && existsSync(join(ROOT, args[0])) ? undefined : `runs tsx on ${args[0]}, which does not exist`;
  }
  if (bin === 'spark-cassette') {
    return cliProblem(args);
  }
  return `runs "npx ${bin}", which is no bin this check knows`;
}

function cliProblem([command = '', ...args]: string[]): string | undefined {
  if (!PKG.bin?.['spark-cassette']) {
    return 'runs spark-cassette, but package.json has no such bin';
  }
  if (!(COMMAND_NAMES as readonly string[]).includes(command)) {
    return `runs "spark-cassette ${command}", not one of its commands (${COMMAND_NAMES.join(', ')})`;
  }
  const options = COMMANDS[command as CommandName].options;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg.startsWith('--')) {
      const option = options[arg.slice(2).split('=')[0] ?? ''];
      if (!option) {
        return `passes ${arg}, which "spark-cassette ${command}" does not take`;
      }
      i += option.type === 'string' && !arg.includes('=') ? 1 : 0;
    } else if (
      !existsSync(join(ROOT, arg)) &&
      !readFileSync(join(ROOT, 'test/e2e/readme/readme-project.test.ts'), 'utf8').includes(arg)
    ) {
      return `names ${arg}, which is neither a file here nor a cassette the README's project records`;
    }
  }
  return undefined;
}

const blocks = codeBlocks(README);

describe('every code block of the README is backed', () => {
  test('the README has code blocks, each with a known language', () => {
    expect(blocks.length).toBeGreaterThan(20);
    for (const block of blocks) {
      expect(['ts', 'sh', 'yaml', 'text'], `${where(block)}: give the block one of these languages`).toContain(
        block.lang,
      );
    }
  });

  test.each(blocks.filter((block) => block.lang === 'ts').map((block) => [block.title, block] as const))(
    'ts block "%s" is code that runs',
    (_title, block) => {
      expect(
        findBlock(block, codeSources),
        `${where(block)} appears in no file under examples/ or test/. Copy it from an example or a test that runs (the README's user project is test/e2e/readme/project/), or put the code there first.`,
      ).toBeDefined();
    },
  );

  test.each(blocks.filter((block) => block.lang === 'text').map((block) => [block.title, block] as const))(
    'text block "%s" is output a test asserts',
    (_title, block) => {
      expect(
        findBlock(block, codeSources, unescape),
        `${where(block)} appears in no test. Quote output that a test asserts exactly (test/e2e/examples/, test/e2e/readme/), or assert it there first.`,
      ).toBeDefined();
    },
  );

  test.each(blocks.filter((block) => block.lang === 'yaml').map((block) => [block.title, block] as const))(
    'yaml block "%s" is part of a shipped cassette',
    (_title, block) => {
      expect(
        findBlock(block, cassetteSources, maskTime),
        `${where(block)} appears in no cassette under fixtures/cassettes/. Copy it from one (re-record the examples with \`npx tsx examples/recording/record-fixtures.ts\` if they changed).`,
      ).toBeDefined();
    },
  );

  test.each(blocks.filter((block) => block.lang === 'sh').map((block) => [block.title, block] as const))(
    'sh block "%s" runs real commands',
    (_title, block) => {
      for (const line of block.lines.filter((l) => l.trim() !== '' && !l.trim().startsWith('#'))) {
        expect(
          commandProblem(line),
          `${where(block)}, command "${line}". Use only npm scripts, package bins with their real subcommands and flags, and files that exist.`,
        ).toBeUndefined();
      }
    },
  );
});

describe('the checks themselves', () => {
  const block = (lang: string, lines: string[]): CodeBlock => ({ lang, line: 1, lines, title: lines[0] ?? '' });

  test('find a block only where its lines run in a row', () => {
    const sources = [{ path: 'a.ts', lines: ['const a = 1;', 'const b = 2;', 'const c = 3;'] }];
    expect(findBlock(block('ts', ['  const b = 2;', 'const c = 3;']), sources)).toBe('a.ts');
    expect(findBlock(block('ts', ['const a = 1;', 'const c = 3;']), sources)).toBeUndefined();
  });

  test('reject commands, subcommands, flags, scripts and examples that do not exist', () => {
    expect(commandProblem('npx spark-cassette verfy')).toMatch(/not one of its commands/);
    expect(commandProblem('npx spark-cassette verify --fix')).toMatch(/does not take/);
    expect(commandProblem('npm run examples')).toMatch(/does not have/);
    expect(commandProblem('npm run example -- no-such-example')).toMatch(/no examples\/no-such-example.ts/);
    expect(commandProblem('SPARK_CASSETTE_MODE=rerecord npx vitest run')).toMatch(/not one of/);
    expect(commandProblem('OPENAI_API_KEY=abc npx vitest run')).toMatch(/placeholder/);
    expect(commandProblem('yarn test')).toMatch(/does not know/);
    expect(commandProblem('npx spark-cassette verify --header x-token fixtures/cassettes/examples')).toBeUndefined();
  });
});

describe('the README reference tables mirror the code', () => {
  const interfaceKeys = (file: string, name: string): string[] => {
    const text = readFileSync(join(ROOT, file), 'utf8');
    const body = text.slice(
      text.indexOf(`export interface ${name} {`),
      text.indexOf('\n}', text.indexOf(`export interface ${name} {`)),
    );
    return [...body.matchAll(/^ {2}(\w+)\??:/gm)].map((match) => match[1] ?? '');
  };

  test('the cassette options table lists exactly the CassetteOptions', () => {
    expect(tableKeys(README, '### Cassette options')).toEqual(
      interfaceKeys('src/cassette/options.ts', 'CassetteOptions'),
    );
  });

  test('the OpenAIModel options table lists exactly the OpenAIModelOptions', () => {
    expect(tableKeys(README, '### `OpenAIModel` options')).toEqual(
      interfaceKeys('src/model/config.ts', 'OpenAIModelOptions'),
    );
  });

  test('the modes table lists the cassette modes', () => {
    expect(tableKeys(README, '## Record a real session once').sort()).toEqual([...CASSETTE_MODES].sort());
  });

  test('the CLI table lists the spark-cassette commands', () => {
    expect(tableKeys(README, '## The spark-cassette CLI').map((row) => row.split(' ')[0])).toEqual([...COMMAND_NAMES]);
  });

  test('the examples table lists every example', () => {
    const files = filesUnder(join(ROOT, 'examples'), ['.ts']).filter(
      (path) => join(ROOT, 'examples') === resolve(path, '..') && !path.endsWith('run.ts'),
    );
    expect(tableKeys(README, '### Examples').sort()).toEqual(
      files.map((path) => path.slice(path.lastIndexOf('/') + 1, -3)).sort(),
    );
  });

  test('the environment variables table names only variables the code reads', () => {
    const names = tableKeys(README, '### Environment variables').flatMap((cell) => cell.split(', '));
    expect(names).toContain(MODE_ENV_VAR);
    expect(names).toContain(BLOCK_NETWORK_ENV_VAR);
    expect(names.filter((name) => name !== 'CI' && !sourceText.includes(name))).toEqual([]);
  });

  test('the defaults are those of src/cassette/defaults.ts', () => {
    expect(README).toContain(`| \`dir\` | \`"${DEFAULT_CASSETTE_DIR}"\` |`);
    expect(README).toContain(`| \`allowedHosts\` | \`[${DEFAULT_ALLOWED_HOSTS.map((h) => `"${h}"`).join(', ')}]\` |`);
    expect(README).toContain(`for up to ${STOP_WAIT_MS / 1000} seconds`);
    expect(README).toContain(`still in flight after ${STOP_WAIT_MS} ms`);
    for (const header of [...REDACTED_HEADERS, ...TRANSPORT_HEADERS]) {
      expect(README, `the README should name the header ${header}`).toContain(`\`${header}\``);
    }
  });
});
