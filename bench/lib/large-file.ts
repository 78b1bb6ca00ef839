import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { largeCassette } from './fixtures.js';

/** Where bench files write their cassettes: `BENCH_DIR` from bench/run.ts, else a temp dir. */
export function benchDir(): string {
  const dir = process.env['BENCH_DIR'] ?? join(tmpdir(), `spark-models-bench-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * The load case on disk (1,000 interactions, 20 KB request bodies): `large.yaml` in the
 * bench dir, written once per run (making it takes a few seconds), plus the same data as JSON.
 */
export function largeCassetteFile(): { dir: string; name: string; path: string; jsonPath: string } {
  const dir = benchDir();
  const path = join(dir, 'large.yaml');
  const jsonPath = join(dir, 'large.json');
  if (!existsSync(path) || !existsSync(jsonPath)) {
    const { file, text } = largeCassette();
    writeFileSync(path, text);
    writeFileSync(jsonPath, JSON.stringify(file));
  }
  return { dir, name: 'large', path, jsonPath };
}
