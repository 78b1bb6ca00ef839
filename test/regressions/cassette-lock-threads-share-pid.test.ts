/**
 * Regression: the recording lock was keyed on the process id alone. vitest's `threads` pool
 * runs every worker in one process, so a sibling thread's live lock looked like one a crash
 * had left, was removed, and both threads wrote: one side's recordings were gone (a
 * worker_threads probe lost 16 of 20). Owners are now pid, thread id and a token, and two
 * threads recording one cassette both keep their recordings.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, test } from 'vitest';
import { parseCassette } from '../../src/cassette/index.js';
import { startOpenAIServer } from '../helpers/openai-server.js';
import { useTempDir } from '../helpers/temp-dir.js';

const dir = useTempDir('spark-regression-lock-threads-');
const CHILD = fileURLToPath(new URL('../cassette/fixtures/record-child.ts', import.meta.url));

function recordInThread(env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const worker = new Worker(CHILD, { execArgv: ['--import', 'tsx'], env: { ...process.env, ...env }, stdout: true });
    worker.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    worker.on('exit', () => resolve(out));
    worker.on('error', reject);
  });
}

describe('two threads of one process recording one cassette', () => {
  test('keep all 20 recordings between them, in 4 threads at once', async () => {
    const server = await startOpenAIServer(async (request, res) => {
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20));
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ id: 'x', object: 'chat.completion', created: 1, model: 'm', choices: [] }));
    });
    try {
      const outputs = await Promise.all(
        ['a', 'b', 'c', 'd'].map((tag) =>
          recordInThread({
            CHILD_DIR: dir.path,
            CHILD_NAME: 'threads',
            CHILD_BASE_URL: server.baseUrl,
            CHILD_COUNT: '5',
            CHILD_TAG: tag,
          }),
        ),
      );
      for (const output of outputs) {
        expect(output).toContain('"recorded":5');
      }
      const file = parseCassette(await readFile(join(dir.path, 'threads.yaml'), 'utf8'), 'threads.yaml');
      const tags = file.interactions.map((i) => JSON.stringify(i.request.body).match(/[abcd] \d/)?.[0]);
      expect(tags.sort()).toEqual(['a', 'b', 'c', 'd'].flatMap((t) => [0, 1, 2, 3, 4].map((i) => `${t} ${i}`)));
    } finally {
      await server.close();
    }
  });
});
