import { setImmediate as turn } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, test } from 'vitest';
import { startCassette, type Cassette } from '../../src/cassette/index.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { askLarge, writeLargeCassette } from '../cassette/helpers/large-cassette.js';

// Bug: startCassette kept the last cassette it made in a module variable, to refuse a second
// active one, so a stopped cassette and everything it loaded (all of a large file)
// stayed in memory until the next cassette started, or for good after the last test.

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const dir = useTempDir('spark-regression-kept-');

describe('a stopped cassette', () => {
  test('is let go with what it loaded', async () => {
    await writeLargeCassette(dir.path, 'kept', 3, 2_000);
    let cassette: Cassette | undefined = await startCassette('kept', { dir: dir.path, mode: 'replay' });
    expect(await askLarge(cassette.fetch, 1, 2_000)).toBe('reply 1');
    const gone = new WeakRef(cassette);
    await cassette.stop({ failed: true });
    cassette = undefined;
    await expect
      .poll(async () => {
        await turn();
        gc();
        return gone.deref() === undefined;
      })
      .toBe(true);
  });
});
