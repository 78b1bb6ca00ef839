import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

// Layers point one way: `model/` and `cassette/` meet only through `internal/`.

const src = fileURLToPath(new URL('../src/', import.meta.url));
const SPECIFIER =
  /(?:import|export)\s+(?:type\s+)?(?:[^;]*?\s+from\s+)?['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]/g;

/** Each relative import of the part's files, as `file -> target`, both relative to src/. */
async function importsOf(part: string): Promise<string[]> {
  const entries = await readdir(join(src, part), { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile() && e.name.endsWith('.ts')).map((e) => join(e.parentPath, e.name));
  const edges: string[] = [];
  for (const file of files) {
    for (const match of (await readFile(file, 'utf8')).matchAll(SPECIFIER)) {
      const target = resolve(dirname(file), (match[1] ?? match[2]) as string);
      edges.push(`${relative(src, file)} -> ${relative(src, target)}`);
    }
  }
  return edges;
}

describe('the layers of src/', () => {
  test.each([
    ['model', 'cassette'],
    ['cassette', 'model'],
  ])('%s/ imports nothing from %s/', async (part, other) => {
    const edges = await importsOf(part);
    expect(edges.length).toBeGreaterThan(10);
    expect(edges.filter((edge) => edge.split(' -> ')[1]?.startsWith(`${other}/`))).toEqual([]);
  });
});
