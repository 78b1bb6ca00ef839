/**
 * Regression: the unused-recordings warning listed every id, so a cassette of 2,400 unused
 * interactions printed a line of about 100 KB at each stop. It now names the first few, counts
 * the rest and names `spark-cassette prune`; the summary still lists them all.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import { serializeCassette, startCassette, type RecordedInteraction } from '../../src/cassette/index.js';
import { useTempDir } from '../helpers/temp-dir.js';

const dir = useTempDir('spark-regression-unused-');

const interaction = (i: number): RecordedInteraction => ({
  id: `${String(i).padStart(12, '0')}-1`,
  hash: String(i).padStart(64, '0'),
  request: { method: 'POST', url: `https://api.openai.com/v1/chat/completions?n=${i}`, headers: {} },
  response: { status: 200, headers: {}, body: { text: 'ok' } },
  recordedAt: '2025-01-31T12:00:00.000Z',
});

describe('the unused-recordings warning of a large cassette', () => {
  test('names five ids, counts the other 2,395 and names spark-cassette prune', async () => {
    const interactions = Array.from({ length: 2_400 }, (_, i) => interaction(i));
    await writeFile(join(dir.path, 'large.yaml'), serializeCassette({ version: 1, interactions }));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const cassette = await startCassette('large', { dir: dir.path, mode: 'replay' });
      const summary = await cassette.stop();

      expect(summary.unused).toHaveLength(2_400);
      expect(warn).toHaveBeenCalledTimes(1);
      const message = String(warn.mock.calls[0]?.[0]);
      expect(message.length).toBeLessThan(600);
      expect(message).toContain(': 2400 recordings were not used in this run: 000000000000-1 (POST ');
      expect(message).toContain('000000000004-1 (POST https://api.openai.com/v1/chat/completions?n=4) and 2395 more.');
      expect(message).not.toContain('000000000005-1');
      expect(message).toContain('`spark-cassette prune`');
    } finally {
      warn.mockRestore();
    }
  });
});
