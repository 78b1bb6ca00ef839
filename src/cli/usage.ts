import { COMMAND_NAMES, COMMANDS, type CommandName } from './command-specs.js';

/** The global help: synopsis, the subcommands, the shared flags and the exit codes. */
export function globalHelp(): string {
  const width = Math.max(...COMMAND_NAMES.map((name) => name.length));
  const commands = COMMAND_NAMES.map((name) => `  ${name.padEnd(width)}  ${COMMANDS[name].summary}`).join('\n');
  return `spark-cassette: inspect and maintain spark-models cassettes

Usage: spark-cassette <command> [options]

Commands:
${commands}

Every command takes --json (machine output) and --help.
Run \`spark-cassette <command> --help\` for a command's options.

Exit codes: 0 ok, 1 problems found, 2 usage error.`;
}

/** A command's full help. */
export function commandHelp(name: CommandName): string {
  const spec = COMMANDS[name];
  return `Usage: spark-cassette ${spec.usage}\n\n${spec.help}`;
}

/** What a usage error prints: the offending argument, the synopsis and where to read more. */
export function usageError(message: string, name?: CommandName): string {
  const synopsis = name ? `spark-cassette ${COMMANDS[name].usage}` : 'spark-cassette <command> [options]';
  const more = name ? `spark-cassette ${name} --help` : 'spark-cassette --help';
  return `spark-cassette${name ? ` ${name}` : ''}: ${message}\nUsage: ${synopsis}\nRun \`${more}\` for details.`;
}
