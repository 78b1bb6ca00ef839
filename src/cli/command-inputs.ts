import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseBodyPath, type PathSegment } from '../cassette/body-paths.js';
import { DEFAULT_CASSETTE_DIR } from '../cassette/defaults.js';
import type { DiffTarget } from './commands/diff.js';
import type { FlagValues } from './parse-command-line.js';
import { redactionRules, type RedactionRules } from './redaction-rules.js';

/** A bad argument found once flags are parsed: a path that does not exist, an invalid regex. */
export class UsageProblem extends Error {
  override name = 'UsageProblem' as const;
}

/**
 * The paths a command works on, absolute. Paths the user named must exist; the default
 * directory may not (a project with no cassettes yet).
 */
export async function targetPaths(positionals: readonly string[], cwd: string): Promise<string[]> {
  if (positionals.length === 0) {
    return [resolve(cwd, DEFAULT_CASSETTE_DIR)];
  }
  const paths = positionals.map((p) => resolve(cwd, p));
  for (const [i, path] of paths.entries()) {
    if (!(await stat(path).catch(() => undefined))) {
      throw new UsageProblem(`path "${positionals[i]}" does not exist. Pass cassette files or directories.`);
    }
  }
  return paths;
}

/** The one file `show` takes, absolute. */
export async function singleFile(positionals: readonly string[], cwd: string): Promise<string> {
  if (positionals.length !== 1) {
    throw new UsageProblem(
      positionals.length === 0
        ? 'missing <file>: name the cassette to show.'
        : `unexpected argument "${positionals[1]}": show takes one file.`,
    );
  }
  const path = resolve(cwd, positionals[0] as string);
  if (!(await stat(path).catch(() => undefined))?.isFile()) {
    throw new UsageProblem(
      `"${positionals[0]}" is not a file. Pass a cassette file, such as ${DEFAULT_CASSETTE_DIR}/chat/hello.yaml.`,
    );
  }
  return path;
}

/** The redaction rules from `--header` and `--pattern`, plus the defaults. */
export function rulesFrom(flags: FlagValues, env: NodeJS.ProcessEnv): RedactionRules {
  try {
    return redactionRules({ header: strings(flags['header']), pattern: strings(flags['pattern']) }, env);
  } catch (error) {
    throw new UsageProblem((error as Error).message);
  }
}

/** The `--ignore-body-field` paths, parsed as `ignoreBodyFields` parses them. */
export function ignoredFieldsFrom(flags: FlagValues): PathSegment[][] {
  return strings(flags['ignore-body-field']).map((path) => {
    const parsed = parseBodyPath(path);
    if (!parsed) {
      throw new UsageProblem(
        `option "--ignore-body-field" has ${JSON.stringify(path)}, which is not a field path; use paths like "user", "metadata.id" or "messages[*].name".`,
      );
    }
    return parsed;
  });
}

function strings(value: FlagValues[string]): string[] {
  return Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string')
    : typeof value === 'string'
      ? [value]
      : [];
}

/**
 * What `diff` (and `view --diff`) compares: `<old> <new>`, or `--git <ref> [path...]`, whose
 * paths must exist like any command's.
 */
export async function diffTarget(flags: FlagValues, positionals: readonly string[], cwd: string): Promise<DiffTarget> {
  if (typeof flags['git'] === 'string') {
    return { kind: 'git', ref: flags['git'], paths: await targetPaths(positionals, cwd) };
  }
  if (positionals.length !== 2) {
    throw new UsageProblem(
      positionals.length < 2
        ? `${positionals.length === 0 ? 'missing <old> and <new>' : 'missing <new>'}: name two cassettes (or directories) to compare, or use \`--git <ref>\` to compare with a git revision.`
        : `unexpected argument "${positionals[2]}": give two paths, <old> and <new>, or use \`--git <ref> [path...]\`.`,
    );
  }
  return { kind: 'paths', before: positionals[0] as string, after: positionals[1] as string };
}

/** The paths `view` shows; `--git` belongs with `--diff` only. */
export async function viewPaths(flags: FlagValues, positionals: readonly string[], cwd: string): Promise<string[]> {
  if (typeof flags['git'] === 'string') {
    throw new UsageProblem(
      'option "--git" compares versions: use it with "--diff" (`view --diff --git <ref> [path...]`).',
    );
  }
  return targetPaths(positionals, cwd);
}
