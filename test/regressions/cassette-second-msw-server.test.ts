import { setupServer } from 'msw/node';
import { describe, expect, test } from 'vitest';
import { CassetteConfigurationError, installCassetteInterceptor, startCassette } from '../../src/cassette/index.js';
import { useTempDir } from '../helpers/temp-dir.js';

// Bug: with a user's MSW server already listening, startCassette (no `server` option) started
// a second one. MSW 3 then handed each request to one server twice and `bypass` failed, so a
// recording hung until the test timed out. Now the second server is refused with the fix.

const dir = useTempDir('spark-regression-msw-');

describe('a second MSW server', () => {
  test('refuses to run a second MSW server beside one that already listens, and says which option to use', async () => {
    const own = setupServer();
    own.listen({ onUnhandledFrame: 'bypass' });
    try {
      const error = await startCassette('trap/two-servers', { dir: dir.path, mode: 'replay' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CassetteConfigurationError);
      expect(error).toMatchObject({ option: 'server' });
      expect((error as Error).message).toContain('Pass it as `server`');
      expect(() => installCassetteInterceptor()).toThrow(CassetteConfigurationError);
    } finally {
      own.close();
    }
    const uninstall = installCassetteInterceptor();
    try {
      const error = await startCassette('trap/two-servers', { dir: dir.path, mode: 'replay', server: own }).catch(
        (e: unknown) => e,
      );
      expect((error as Error).message).toContain(
        'the cassette interceptor (spark-models/cassette/setup) already listens',
      );
    } finally {
      uninstall();
    }
  });
});
