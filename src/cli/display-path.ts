import { relative } from 'node:path';

/** `path` relative to `cwd` when it lies inside it (as in a repository), else as given. */
export function displayPath(path: string, cwd: string = process.cwd()): string {
  const shown = relative(cwd, path);
  return shown === '' || shown.startsWith('..') ? path : shown;
}
