import { hash } from 'node:crypto';

/** The part of a vitest task that names a cassette: its title, its suites, its file. */
export interface NamedTask {
  readonly name: string;
  readonly type: string;
  readonly suite?: NamedTask | undefined;
  readonly tasks?: readonly NamedTask[];
  /** The file task: `name` is the file's path relative to the project root. */
  readonly file: { readonly name: string; readonly tasks: readonly NamedTask[] };
}

const SLUG_LENGTH = 40;

/** One title as a path segment: a slug (for reading) and a short hash of the exact title (for uniqueness). */
export function titleSegment(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, SLUG_LENGTH)
    .replace(/^-+|-+$/g, '');
  return `${slug || 'untitled'}-${hash('sha256', title, 'hex').slice(0, 6)}`;
}

/** The file part: the path relative to the root, `/`-separated, without its extension. */
function filePart(file: string): string {
  return file
    .replace(/\\/g, '/')
    .replace(/\.[cm]?[jt]sx?$/, '')
    .split('/')
    .filter((segment) => segment !== '' && segment !== '.')
    .map((segment) => (segment === '..' ? '_' : segment))
    .join('/');
}

/** The titles from the outermost suite down to the test. */
function titlePath(task: NamedTask): string[] {
  const titles = [task.name];
  // Top-level suites have no parent; a file task, if a runner links one, is not a title.
  for (let suite = task.suite; suite && suite.type === 'suite' && !('filepath' in suite); suite = suite.suite) {
    titles.unshift(suite.name);
  }
  return titles;
}

function testsOf(tasks: readonly NamedTask[]): NamedTask[] {
  return tasks.flatMap((task) => (task.type === 'test' ? [task] : testsOf(task.tasks ?? [])));
}

/**
 * The cassette name of a test, stable across runs: the test file relative to the project root,
 * without extension, then one segment per title from the outermost `describe` down to the
 * test, each a slug plus a 6-digit hash of the exact title. A renamed test gets a new name
 * (the old file shows up unused); titles that slug alike never collide. A second test with the
 * very same titles in the same file gets `~2`. Only the file's own tests count, so names are
 * the same in every worker, shard and run order.
 * @example
 * // test/agent/weather.test.ts: describe('Agent') > test('calls get_weather')
 * cassetteNameFor(task); // "test/agent/weather.test/agent-11b39c/calls-get-weather-007cff"
 */
export function cassetteNameFor(task: NamedTask): string {
  const titles = titlePath(task);
  const key = JSON.stringify(titles);
  const twins = testsOf(task.file.tasks).filter((other) => JSON.stringify(titlePath(other)) === key);
  const occurrence = Math.max(1, twins.indexOf(task) + 1);
  const name = [filePart(task.file.name), ...titles.map(titleSegment)].join('/');
  return occurrence > 1 ? `${name}~${occurrence}` : name;
}
