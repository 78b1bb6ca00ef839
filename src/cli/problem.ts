/** The kinds of problem the commands report; `--json` consumers switch on these. */
const PROBLEM_CODES = [
  'unreadable',
  'invalid-yaml',
  'invalid-format',
  'unknown-version',
  'secret',
  'unredacted-header',
  'hash-mismatch',
  'duplicate-id',
  'locked',
] as const;

/** One of `PROBLEM_CODES`. */
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** Which interaction a problem is about: its position in the file (from 0) and its id. */
export interface InteractionRef {
  index: number;
  id: string;
}

/**
 * Something wrong with a cassette file: where (file, line, interaction, field), what, and what
 * to do about it. Commands return these; printing and exit codes are the CLI's business.
 */
export interface Problem {
  code: ProblemCode;
  /** The file as shown to the user (relative to the working directory when inside it). */
  file: string;
  /** 1-based line, when known. */
  line?: number;
  interaction?: InteractionRef;
  /** The field at fault, as a path (`request.headers.cookie`), when known. */
  field?: string;
  /** "<what failed> <subject>: <why>." */
  message: string;
  /** What to do, with the literal command or option; absent when `message` already says it. */
  fix?: string;
}
