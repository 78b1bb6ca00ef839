/** Text styling for a terminal: each function wraps text in ANSI codes, or returns it as is. */
export interface Style {
  enabled: boolean;
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
  magenta(text: string): string;
  /** Swapped foreground and background: marks the changed words of a diff. */
  inverse(text: string): string;
}

/**
 * Whether to colour a stream: never when `NO_COLOR` is set (and not empty, per no-color.org);
 * always when `FORCE_COLOR` is set to anything but "0"; otherwise only on a terminal that is
 * not "dumb". Piped output, files and CI logs stay plain.
 */
export function shouldColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if (env['NO_COLOR']) {
    return false;
  }
  if (env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '0') {
    return true;
  }
  return stream.isTTY === true && env['TERM'] !== 'dumb';
}

// Plain SGR codes: five colours and two weights do not justify a dependency.
const wrap = (enabled: boolean, open: number, close: number) => (text: string) =>
  enabled && text !== '' ? `\u001b[${open}m${text}\u001b[${close}m` : text;

/** A `Style` that colours when `enabled`, else leaves text alone. */
export function createStyle(enabled: boolean): Style {
  return {
    enabled,
    bold: wrap(enabled, 1, 22),
    dim: wrap(enabled, 2, 22),
    red: wrap(enabled, 31, 39),
    green: wrap(enabled, 32, 39),
    yellow: wrap(enabled, 33, 39),
    cyan: wrap(enabled, 36, 39),
    magenta: wrap(enabled, 35, 39),
    inverse: wrap(enabled, 7, 27),
  };
}
