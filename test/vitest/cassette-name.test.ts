import { describe, expect, it } from 'vitest';
import { cassetteNameFor, type NamedTask } from '../../src/vitest/cassette-name.js';

type Node = { name: string; children?: Node[] };

/** A vitest-shaped task tree for file `path`: suites have children, tests do not. */
function fileTasks(path: string, nodes: Node[]): NamedTask[] {
  const file = { name: path, tasks: [] as NamedTask[] };
  const build = (node: Node, suite: NamedTask | undefined): NamedTask => {
    const task: { name: string; type: string; suite: NamedTask | undefined; tasks?: NamedTask[]; file: typeof file } = {
      name: node.name,
      type: node.children ? 'suite' : 'test',
      suite,
      file,
    };
    if (node.children) {
      task.tasks = node.children.map((child) => build(child, task));
    }
    return task;
  };
  file.tasks = nodes.map((node) => build(node, undefined));
  const tests = (tasks: readonly NamedTask[]): NamedTask[] =>
    tasks.flatMap((t) => (t.type === 'test' ? [t] : tests(t.tasks ?? [])));
  return tests(file.tasks);
}

describe('cassetteNameFor', () => {
  it('joins the file without extension and one slug-plus-hash segment per title', () => {
    const [test] = fileTasks('test/agent/weather.test.ts', [
      { name: 'Agent', children: [{ name: 'calls get_weather' }] },
    ]);
    expect(cassetteNameFor(test!)).toBe('test/agent/weather.test/agent-11b39c/calls-get-weather-007cff');
  });

  it('names a top-level test after the file and its title alone', () => {
    const [test] = fileTasks('test/chat.spec.mts', [{ name: 'says hello' }]);
    expect(cassetteNameFor(test!)).toMatch(/^test\/chat\.spec\/says-hello-[0-9a-f]{6}$/);
  });

  it('keeps titles that slug alike apart by their hashes', () => {
    const tests = fileTasks('t.test.ts', [{ name: 'a b' }, { name: 'a-b' }, { name: 'A B!' }]);
    const names = tests.map(cassetteNameFor);
    expect(names.map((name) => name.replace(/-[0-9a-f]{6}$/, ''))).toEqual(['t.test/a-b', 't.test/a-b', 't.test/a-b']);
    expect(new Set(names).size).toBe(3);
  });

  it('gives a renamed test a new name', () => {
    const [before] = fileTasks('t.test.ts', [{ name: 'answers the weather' }]);
    const [after] = fileTasks('t.test.ts', [{ name: 'answers the weather question' }]);
    expect(cassetteNameFor(before!)).not.toBe(cassetteNameFor(after!));
  });

  it('numbers tests with the very same title path in file order', () => {
    const tests = fileTasks('t.test.ts', [
      { name: 'suite', children: [{ name: 'twin' }, { name: 'other' }, { name: 'twin' }] },
      { name: 'twin' },
    ]);
    const names = tests.map(cassetteNameFor);
    expect(names[0]).toMatch(/^t\.test\/suite-[0-9a-f]{6}\/twin-[0-9a-f]{6}$/);
    expect(names[2]).toBe(`${names[0]}~2`);
    expect(names[3]).toMatch(/^t\.test\/twin-[0-9a-f]{6}$/);
  });

  it('makes readable slugs of any title, and never an empty one', () => {
    const tests = fileTasks('t.test.ts', [
      { name: 'Ünïcode & spaces — “quotes”' },
      { name: '!!!' },
      { name: 'x'.repeat(100) },
    ]);
    const [unicode, symbols, long] = tests.map(cassetteNameFor);
    expect(unicode).toMatch(/^t\.test\/unicode-spaces-quotes-[0-9a-f]{6}$/);
    expect(symbols).toMatch(/^t\.test\/untitled-[0-9a-f]{6}$/);
    expect(long).toMatch(new RegExp(`^t\\.test/${'x'.repeat(40)}-[0-9a-f]{6}$`));
  });

  it('uses forward slashes and stays under the cassette directory for any file path', () => {
    const [windows] = fileTasks('test\\agent\\run.test.ts', [{ name: 'runs' }]);
    const [outside] = fileTasks('../other/run.test.ts', [{ name: 'runs' }]);
    expect(cassetteNameFor(windows!)).toMatch(/^test\/agent\/run\.test\/runs-/);
    expect(cassetteNameFor(outside!)).toMatch(/^_\/other\/run\.test\/runs-/);
  });
});
