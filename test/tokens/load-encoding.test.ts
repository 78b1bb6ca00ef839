import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCRIPT = fileURLToPath(new URL('./fixtures/report-loaded-encodings.ts', import.meta.url));

interface Step {
  ms: number;
  loaded: string[];
}

describe('loadEncoding', () => {
  it('loads each encoding on first use only, in a fresh process', async () => {
    const { stdout } = await run(`${ROOT}node_modules/.bin/node`, ['--import', 'tsx', SCRIPT], {
      cwd: ROOT,
    });
    const report = JSON.parse(stdout) as Record<'import' | 'firstO200k' | 'secondO200k' | 'firstCl100k', Step>;

    expect(report.import.loaded).toEqual([]);
    expect(report.firstO200k.loaded).toEqual(['o200k_base']);
    expect(report.secondO200k.loaded).toEqual(['o200k_base']);
    expect(report.firstCl100k.loaded).toEqual(['cl100k_base', 'o200k_base']);
    // A cached encoding costs nothing like a load.
    expect(report.secondO200k.ms).toBeLessThan(report.firstO200k.ms / 10);
  });
});
