import { readFile, stat } from 'node:fs/promises';
import { isCassetteError, type CassetteFormatError } from '../cassette/errors.js';
import { parseCassette } from '../cassette/format.js';
import type { CassetteFile } from '../cassette/types.js';
import { displayPath } from './display-path.js';
import type { CassetteLocation } from './find-cassettes.js';
import type { Problem, ProblemCode } from './problem.js';

/** A cassette file read and parsed, with what the commands need to know about it. */
export interface LoadedCassette extends CassetteLocation {
  /** The path as shown to the user. */
  shown: string;
  text: string;
  file: CassetteFile;
  /** Size in bytes. */
  size: number;
  /** Last modification time (ms since the epoch). */
  mtimeMs: number;
}

/**
 * Reads and parses one cassette with the library's own parser, so the CLI accepts exactly
 * what replay accepts. A file that cannot be read or parsed becomes a problem naming the file
 * and line, never a stack.
 */
export async function loadCassette(
  location: CassetteLocation,
): Promise<{ cassette: LoadedCassette } | { problem: Problem }> {
  const shown = displayPath(location.path);
  let text: string;
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    [text, info] = await Promise.all([readFile(location.path, 'utf8'), stat(location.path)]);
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return {
      problem: {
        code: 'unreadable',
        file: shown,
        message: `Cannot read cassette ${shown}: ${why}.`,
        fix: 'Check the file exists and is readable.',
      },
    };
  }
  const parsed = parseCassetteText(text, shown);
  return 'problem' in parsed
    ? parsed
    : {
        cassette: {
          ...location,
          shown,
          text,
          file: parsed.file,
          size: Number(info.size),
          mtimeMs: Number(info.mtimeMs),
        },
      };
}

/**
 * Parses cassette text that did not come from a file of its own (`git show <ref>:<path>`), with
 * the same parser and the same problems as `loadCassette`. `shown` names it in messages.
 */
export function parseCassetteText(text: string, shown: string): { file: CassetteFile } | { problem: Problem } {
  try {
    return { file: parseCassette(text, shown) };
  } catch (error) {
    if (!isCassetteError(error) || error.name !== 'CassetteFormatError') {
      throw error;
    }
    return { problem: formatProblem(error as CassetteFormatError, shown) };
  }
}

// The parser's message already names the file, line, reason and fix: it is used as it is.
function formatProblem(error: CassetteFormatError, shown: string): Problem {
  const code: ProblemCode =
    error.field === 'version'
      ? 'unknown-version'
      : error.field === undefined && error.cause !== undefined
        ? 'invalid-yaml'
        : 'invalid-format';
  return {
    code,
    file: shown,
    ...(error.line === undefined ? {} : { line: error.line }),
    ...(error.field === undefined ? {} : { field: error.field }),
    message: error.message,
  };
}
