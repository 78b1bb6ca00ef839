/**
 * Regression: between processes, the recording's compare-then-rename (is the file still what
 * it read at start? then write) was not atomic, so two processes could both pass the compare
 * and one side's recordings were gone with both tests passing (3 rounds in 8 under vitest's
 * `forks` pool). The check and the write now happen under the lock, and a file another
 * process saved meanwhile is merged with instead of overwritten.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseCassette } from '../../src/cassette/index.js';
import { finished, spawnFixture } from '../cassette/helpers/child.js';
import { startOpenAIServer } from '../helpers/openai-server.js';
import { useTempDir } from '../helpers/temp-dir.js';

const dir = useTempDir('spark-regression-lock-processes-');

describe('four processes recording one cassette at once', () => {
  test('keep all 20 recordings between them', { timeout: 60_000 }, async () => {
    const server = await startOpenAIServer(async (_request, res) => {
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20));
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ id: 'x', object: 'chat.completion', created: 1, model: 'm', choices: [] }));
    });
    try {
      const results = await Promise.all(
        ['a', 'b', 'c', 'd'].map((tag) =>
          finished(
            spawnFixture('record-child.ts', {
              CHILD_DIR: dir.path,
              CHILD_NAME: 'shared',
              CHILD_BASE_URL: server.baseUrl,
              CHILD_COUNT: '5',
              CHILD_TAG: tag,
            }),
          ),
        ),
      );
      for (const result of results) {
        expect(result.stdout, result.stderr).toContain('"recorded":5');
      }
      const file = parseCassette(await readFile(join(dir.path, 'shared.yaml'), 'utf8'), 'shared.yaml');
      expect(file.interactions).toHaveLength(20);
      const tags = new Set(file.interactions.map((i) => JSON.stringify(i.request.body).match(/[abcd] \d/)?.[0]));
      expect(tags.size).toBe(20);
      expect(await readdir(dir.path)).toEqual(['shared.yaml']);
    } finally {
      await server.close();
    }
  });
});
