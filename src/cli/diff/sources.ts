import { stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { UsageProblem } from '../command-inputs.js';
import { displayPath } from '../display-path.js';
import { findCassettes } from '../find-cassettes.js';
import { loadCassette, parseCassetteText } from '../load-cassette.js';
import type { Problem } from '../problem.js';
import type { CassetteVersion } from './cassette-diff.js';
import { git } from './git.js';

/** Two versions of one cassette to compare; a side is absent when the cassette is new or gone. */
export interface VersionPair {
  before?: CassetteVersion;
  after?: CassetteVersion;
}

/** The pairs to compare, and the versions that could not be read (trouble, not differences). */
export interface DiffSources {
  pairs: VersionPair[];
  problems: Problem[];
}

/**
 * `diff <old> <new>`: two cassette files, or two directories whose cassettes are paired by
 * their path inside each. Both paths must exist and be of one kind.
 */
export async function pathSources(oldPath: string, newPath: string, cwd: string): Promise<DiffSources> {
  const [a, b] = [resolve(cwd, oldPath), resolve(cwd, newPath)];
  const [infoA, infoB] = await Promise.all([stat(a).catch(() => undefined), stat(b).catch(() => undefined)]);
  for (const [info, given] of [
    [infoA, oldPath],
    [infoB, newPath],
  ] as const) {
    if (!info) {
      throw new UsageProblem(`path "${given}" does not exist. Pass two cassette files, or two directories.`);
    }
  }
  if (infoA?.isDirectory() !== infoB?.isDirectory()) {
    throw new UsageProblem(`"${oldPath}" and "${newPath}" are not both files or both directories.`);
  }
  const sources: DiffSources = { pairs: [], problems: [] };
  const keys = infoA?.isDirectory() ? await unionOf(a, b) : [['', '']];
  for (const [inA, inB] of keys) {
    const pair: VersionPair = {};
    for (const [side, path] of [
      ['before', inA === undefined ? undefined : join(a, inA)],
      ['after', inB === undefined ? undefined : join(b, inB)],
    ] as const) {
      if (path === undefined) {
        continue;
      }
      const loaded = await loadCassette({ path, name: '' });
      if ('problem' in loaded) {
        sources.problems.push(loaded.problem);
      } else {
        pair[side] = { file: loaded.cassette.file, shown: loaded.cassette.shown };
      }
    }
    sources.pairs.push(pair);
  }
  return sources;
}

// Cassettes of two directories by relative path: [in a, in b], either missing.
async function unionOf(a: string, b: string): Promise<[string | undefined, string | undefined][]> {
  const [inA, inB] = await Promise.all(
    [a, b].map(async (dir) => (await findCassettes([dir])).map((c) => relative(dir, c.path))),
  );
  const all = [...new Set([...(inA ?? []), ...(inB ?? [])])].sort();
  return all.map((path) => [inA?.includes(path) ? path : undefined, inB?.includes(path) ? path : undefined]);
}

/**
 * `diff --git <ref> [paths...]`: the cassettes under `paths` in the working tree against the
 * same files at `ref` (read with `git show <ref>:<path>`), including cassettes added since and
 * those deleted since.
 */
export async function gitSources(ref: string, paths: readonly string[], cwd: string): Promise<DiffSources> {
  const root = await repositoryRoot(cwd);
  await checkRevision(ref, root);
  const inRepo = paths.map((path) => relative(root, path).split(sep).join('/') || '.');
  const outside = inRepo.findIndex((path) => path.startsWith('../'));
  if (outside !== -1) {
    throw new UsageProblem(`path "${paths[outside]}" is outside the git repository at ${root}.`);
  }
  const listed = await git(['ls-tree', '-r', '-z', '--name-only', '--full-tree', ref, '--', ...inRepo], root);
  const atRef = new Set(listed.split('\0').filter((path) => /\.ya?ml$/.test(path)));
  const now = new Map((await findCassettes(paths)).map((c) => [relative(root, c.path).split(sep).join('/'), c.path]));
  const sources: DiffSources = { pairs: [], problems: [] };
  for (const path of [...new Set([...atRef, ...now.keys()])].sort()) {
    const pair: VersionPair = {};
    if (atRef.has(path)) {
      const shown = `${ref}:${displayPath(join(root, path))}`;
      const parsed = parseCassetteText(await git(['show', `${ref}:${path}`], root), shown);
      if ('problem' in parsed) {
        sources.problems.push(parsed.problem);
      } else {
        pair.before = { file: parsed.file, shown };
      }
    }
    const file = now.get(path);
    if (file) {
      const loaded = await loadCassette({ path: file, name: '' });
      if ('problem' in loaded) {
        sources.problems.push(loaded.problem);
      } else {
        pair.after = { file: loaded.cassette.file, shown: loaded.cassette.shown };
      }
    }
    sources.pairs.push(pair);
  }
  return sources;
}

async function repositoryRoot(cwd: string): Promise<string> {
  try {
    return (await git(['rev-parse', '--show-toplevel'], cwd)).trim();
  } catch (error) {
    throw new UsageProblem(
      `option "--git" needs a git repository, and ${cwd} is not in one (${(error as Error).message}). Compare two files instead: \`spark-cassette diff <old.yaml> <new.yaml>\`.`,
    );
  }
}

async function checkRevision(ref: string, root: string): Promise<void> {
  const valid =
    !ref.startsWith('-') &&
    (await git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], root).then(
      () => true,
      () => false,
    ));
  if (!valid) {
    throw new UsageProblem(
      `option "--git" has "${ref}", which is not a commit in this repository. Pass a branch, tag or commit, such as "HEAD" or "origin/main".`,
    );
  }
}
