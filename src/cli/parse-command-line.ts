import { parseArgs } from 'node:util';
import { COMMAND_NAMES, COMMANDS, type CommandName } from './command-specs.js';
import { commandHelp, globalHelp } from './usage.js';

/** Flag values as `parseArgs` gives them. */
export type FlagValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** What the command line asks for. */
export type CommandLine =
  | { kind: 'help'; text: string }
  | { kind: 'version' }
  | { kind: 'usage-error'; message: string; command?: CommandName }
  | { kind: 'run'; command: CommandName; flags: FlagValues; positionals: string[] };

const isCommand = (value: string | undefined): value is CommandName =>
  (COMMAND_NAMES as readonly string[]).includes(value ?? '');

/**
 * Reads argv (without `node` and the script): `<command> [args]`, `help [command]`,
 * `--help`, `--version`. Strict: an unknown flag or a missing value is a usage error naming it.
 */
export function parseCommandLine(argv: readonly string[]): CommandLine {
  const [first, ...rest] = argv;
  if (first === undefined) {
    return { kind: 'usage-error', message: 'no command given.' };
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    const topic = rest[0];
    if (topic === undefined) {
      return { kind: 'help', text: globalHelp() };
    }
    return isCommand(topic) ? { kind: 'help', text: commandHelp(topic) } : unknownCommand(topic);
  }
  if (first === '--version' || first === '-v') {
    return { kind: 'version' };
  }
  if (!isCommand(first)) {
    return first.startsWith('-')
      ? { kind: 'usage-error', message: `unknown option "${first}" (options go after the command).` }
      : unknownCommand(first);
  }
  // --help wins over anything else on the line, so it always works, even next to a typo.
  const beforeDashes = rest.indexOf('--') === -1 ? rest : rest.slice(0, rest.indexOf('--'));
  if (beforeDashes.includes('--help') || beforeDashes.includes('-h')) {
    return { kind: 'help', text: commandHelp(first) };
  }
  try {
    const { values, positionals } = parseArgs({
      args: [...rest],
      options: COMMANDS[first].options,
      allowPositionals: true,
      strict: true,
    });
    return { kind: 'run', command: first, flags: values as FlagValues, positionals };
  } catch (error) {
    return { kind: 'usage-error', message: describeParseError(error), command: first };
  }
}

function unknownCommand(name: string): CommandLine {
  return { kind: 'usage-error', message: `unknown command "${name}". Commands: ${COMMAND_NAMES.join(', ')}.` };
}

// parseArgs messages mention quoting tricks for positionals; say only what was wrong.
function describeParseError(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  const flag = /'([^']+)'/.exec(message ?? '')?.[1]?.split(' ')[0] ?? '';
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option "${flag}".`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /argument missing|ambiguous/.test(message ?? '')
        ? `option "${flag}" needs a value.`
        : `option "${flag}" does not take a value.`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument "${flag}".`;
    default:
      throw error;
  }
}
