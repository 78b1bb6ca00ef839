import { readdir, stat } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';

/** A cassette file found under a path the user gave. */
export interface CassetteLocation {
  /** Absolute path. */
  path: string;
  /** The cassette name, as `startCassette` takes it: the path under the searched directory, no extension. */
  name: string;
}

const CASSETTE_FILE = /\.ya?ml$/;
// Never descended into: dependencies, VCS and caches hold YAML that is not ours.
const SKIPPED_DIRS = new Set(['node_modules', '.git']);

/**
 * The cassette files (`*.yaml`, `*.yml`) under each path: a file is taken as it is, a directory
 * is searched recursively (hidden directories and `node_modules` skipped). A path that does
 * not exist gives nothing. Sorted by path, duplicates removed, so output is stable.
 */
export async function findCassettes(paths: readonly string[]): Promise<CassetteLocation[]> {
  const found = new Map<string, CassetteLocation>();
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    if (info?.isFile()) {
      found.set(path, { path, name: basename(path).replace(CASSETTE_FILE, '') });
    } else if (info?.isDirectory()) {
      for (const file of await walk(path)) {
        found.set(file, { path: file, name: relative(path, file).replace(CASSETTE_FILE, '').split('\\').join('/') });
      }
    }
  }
  return [...found.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

async function walk(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith('.')) {
      files.push(...(await walk(path)));
    } else if (entry.isFile() && CASSETTE_FILE.test(entry.name)) {
      files.push(path);
    }
  }
  return files;
}
