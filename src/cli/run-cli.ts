import { resolve } from 'node:path';
import type { CommandName } from './command-specs.js';
import {
  diffTarget,
  ignoredFieldsFrom,
  rulesFrom,
  singleFile,
  targetPaths,
  UsageProblem,
  viewPaths,
} from './command-inputs.js';
import { DEFAULT_VIEW_FILE } from './command-specs.js';
import { DEFAULT_USAGE_REPORT_DIR } from '../cassette/usage-report.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { parseCommandLine, type FlagValues } from './parse-command-line.js';
import { createStyle, shouldColor, type Style } from './print/style.js';
import type { Problem } from './problem.js';
import { globalHelp, usageError } from './usage.js';

/** Where the CLI reads and writes: the process's streams and environment, or a test's. */
export interface CliIO {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
  env: NodeJS.ProcessEnv;
  cwd: string;
  version: string;
}

/** A command's result (at least its problems, which decide the exit code) and its text form. */
interface Ran {
  outcome: { problems: readonly Problem[] };
  text(): string;
  /** The exit code, when the command decides it otherwise than "problems give 1". */
  exitCode?: ExitCode;
}

/**
 * Runs one command line and resolves to the exit code: parse, check the arguments (before any
 * cassette is read), run the command, print its result as text or `--json`.
 */
export async function runCli(argv: readonly string[], io: CliIO): Promise<ExitCode> {
  const line = parseCommandLine(argv);
  if (line.kind === 'help' || line.kind === 'version') {
    io.stdout.write(`${line.kind === 'help' ? line.text : io.version}\n`);
    return EXIT.ok;
  }
  if (line.kind === 'usage-error') {
    io.stderr.write(`${usageError(line.message, line.command)}\n${argv.length === 0 ? `\n${globalHelp()}\n` : ''}`);
    return EXIT.usage;
  }
  const { command, flags, positionals } = line;
  let ran: Ran;
  try {
    ran = await execute(command, flags, positionals, io);
  } catch (error) {
    if (error instanceof UsageProblem) {
      io.stderr.write(`${usageError(error.message, command)}\n`);
      return EXIT.usage;
    }
    throw error;
  }
  const { outcome } = ran;
  io.stdout.write(
    `${flags['json'] ? JSON.stringify({ command, ok: outcome.problems.length === 0, ...outcome }, null, 2) : ran.text()}\n`,
  );
  return ran.exitCode ?? (outcome.problems.length === 0 ? EXIT.ok : EXIT.problems);
}

// Each case checks its arguments first, then loads its command and printer on demand, so
// `--help` and light commands do not pay for the others.
async function execute(command: CommandName, flags: FlagValues, positionals: string[], io: CliIO): Promise<Ran> {
  const style: Style = createStyle(!flags['json'] && shouldColor(io.stdout, io.env));
  const write = flags['write'] === true;
  switch (command) {
    case 'list': {
      const paths = await targetPaths(positionals, io.cwd);
      const [{ listCassettes }, { formatList }] = await Promise.all([
        import('./commands/list.js'),
        import('./print/list.js'),
      ]);
      const outcome = await listCassettes({ paths });
      return { outcome, text: () => formatList(outcome, style) };
    }
    case 'show': {
      const path = await singleFile(positionals, io.cwd);
      const [{ showCassette }, { formatShow }] = await Promise.all([
        import('./commands/show.js'),
        import('./print/show.js'),
      ]);
      const outcome = await showCassette({ path });
      return { outcome, text: () => formatShow(outcome, style, { full: flags['full'] === true }) };
    }
    case 'verify': {
      const options = {
        rules: rulesFrom(flags, io.env),
        ignoredFields: ignoredFieldsFrom(flags),
        paths: await targetPaths(positionals, io.cwd),
      };
      const [{ verifyCassettes }, { formatVerify }] = await Promise.all([
        import('./commands/verify.js'),
        import('./print/verify.js'),
      ]);
      const outcome = await verifyCassettes(options);
      return { outcome, text: () => formatVerify(outcome, style) };
    }
    case 'prune': {
      const reportDir =
        typeof flags['report-dir'] === 'string' ? { reportDir: resolve(io.cwd, flags['report-dir']) } : {};
      const options = { ...reportDir, write, paths: await targetPaths(positionals, io.cwd) };
      const [{ pruneCassettes }, { formatPrune }] = await Promise.all([
        import('./commands/prune.js'),
        import('./print/prune.js'),
      ]);
      const outcome = await pruneCassettes(options);
      return { outcome, text: () => formatPrune(outcome, style) };
    }
    case 'diff': {
      const options = {
        target: await diffTarget(flags, positionals, io.cwd),
        cwd: io.cwd,
        ignoredFields: ignoredFieldsFrom(flags),
      };
      const [{ diffCassetteVersions }, { formatDiff }] = await Promise.all([
        import('./commands/diff.js'),
        import('./print/diff.js'),
      ]);
      const outcome = await diffCassetteVersions(options);
      // As diff(1): 1 when the sides differ, 2 when something could not be compared.
      const exitCode = outcome.problems.length > 0 ? EXIT.usage : outcome.differences > 0 ? EXIT.problems : EXIT.ok;
      return { outcome, exitCode, text: () => formatDiff(outcome, style) };
    }
    case 'view': {
      const options = {
        rules: rulesFrom(flags, io.env),
        ignoredFields: ignoredFieldsFrom(flags),
        out: resolve(io.cwd, typeof flags['out'] === 'string' ? flags['out'] : DEFAULT_VIEW_FILE),
        reportDir: resolve(
          io.cwd,
          typeof flags['report-dir'] === 'string' ? flags['report-dir'] : DEFAULT_USAGE_REPORT_DIR,
        ),
        version: io.version,
        cwd: io.cwd,
        ...(flags['diff'] === true
          ? { diff: await diffTarget(flags, positionals, io.cwd) }
          : { paths: await viewPaths(flags, positionals, io.cwd) }),
      };
      const [{ viewCassettes }, { formatView }, { openInBrowser }] = await Promise.all([
        import('./commands/view.js'),
        import('./print/view.js'),
        import('./view/open-in-browser.js'),
      ]);
      const outcome = await viewCassettes(options);
      if (flags['open'] === true) {
        outcome.opened = await openInBrowser(options.out, io.env);
      }
      return { outcome, text: () => formatView(outcome, style) };
    }
    case 'redact': {
      const options = {
        rules: rulesFrom(flags, io.env),
        ignoredFields: ignoredFieldsFrom(flags),
        write,
        paths: await targetPaths(positionals, io.cwd),
      };
      const [{ redactCassettes }, { formatRedact }] = await Promise.all([
        import('./commands/redact.js'),
        import('./print/redact.js'),
      ]);
      const outcome = await redactCassettes(options);
      return { outcome, text: () => formatRedact(outcome, style) };
    }
  }
}
