/** The CLI's exit codes: the contract scripts, CI and pre-commit hooks rely on. */
export const EXIT = {
  /** Done; nothing wrong. */
  ok: 0,
  /** The command ran and found problems (or a file could not be processed). */
  problems: 1,
  /** The command line was wrong: unknown command or flag, bad value, missing path. */
  usage: 2,
} as const;

/** One of the `EXIT` values. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
