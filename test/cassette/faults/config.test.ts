import { afterEach, describe, expect, test, vi } from 'vitest';
import { parseFaults, startCassette, type CassetteStore } from '../../../src/cassette/index.js';
import { startOpenAIServer } from '../../helpers/openai-server.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { question, recordFixture } from './helpers.js';

// Bad fault configuration is a CassetteConfigurationError at startCassette(), before any I/O,
// naming the option, what it accepts and the value received. Faults act in replay mode only.

const dir = useTempDir('spark-faults-config-');

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

// A store that fails any use: an error thrown before it is touched is a check before I/O.
const untouchable: CassetteStore = {
  read: () => Promise.reject(new Error('the store was read')),
  write: () => Promise.reject(new Error('the store was written')),
};

async function configError(faults: unknown): Promise<{ name: string; option: string; message: string }> {
  return startCassette('bad', { dir: dir.path, store: untouchable, faults: faults as never }).then(
    () => {
      throw new Error('startCassette accepted the faults');
    },
    (error: { name: string; option: string; message: string }) => error,
  );
}

describe('checking `faults`', () => {
  test.each([
    [{ rules: [{ kind: 'rate_limit', rate: 1.5 }] }, '`rules[0]`.rate must be a number from 0 to 1, got 1.5'],
    [{ rules: [{ kind: 'ratelimit', rate: 0.1 }] }, '`rules[0]`.kind must be one of "rate_limit", "server_error"'],
    [
      { rules: [{ kind: 'timeout', on: [0] }] },
      '`rules[0]`.on must be a list of request numbers from 1, like [2, 5], got [0]',
    ],
    [{ rules: [{ kind: 'timeout', on: [1], rate: 0.5 }] }, 'gives both `rate` and `on`'],
    [{ rules: [{ kind: 'timeout' }] }, 'says neither when to fire nor how often'],
    [
      { rules: [{ kind: 'slow', rate: 1, delay: 5 }] },
      '`delay` is not an option of "slow" faults; they take `rate`, `on`, `when`, `times`, `delayMs`, `perEventMs`',
    ],
    [{ rules: [{ kind: 'server_error', rate: 1, status: 504 }] }, '`rules[0]`.status must be 500, 502 or 503, got 504'],
    [{ rules: [{ kind: 'truncated_stream', rate: 1, end: 'abort' }] }, '.end must be "close" or "reset", got "abort"'],
    [{ rules: [{ kind: 'rate_limit', when: 'yes' }] }, '.when must be a function of the request, got string'],
    [{ seed: -1, rules: [] }, '`seed` must be a whole number from 0, got -1'],
    [{ seed: 1, rules: [], extra: true }, '`extra` is not a key of `faults`; it takes `seed` and `rules`'],
    [42, 'it must be `{ seed, rules }`, a string like "rate_limit=0.2,seed=42", or false, got 42'],
    ['rate_limit=lots', '"rate_limit=lots" gives no number as the rate'],
    ['bogus@2', '"bogus@2" names no fault kind'],
  ])('%o is refused: %s', async (faults, why) => {
    const error = await configError(faults);
    expect(error).toMatchObject({ name: 'CassetteConfigurationError', option: 'faults' });
    expect(error.message).toContain('Invalid cassette option `faults`: ');
    expect(error.message).toContain(why);
  });

  test('a bad SPARK_FAULTS names the variable and the forms it takes', async () => {
    vi.stubEnv('SPARK_FAULTS', 'rate_limit=0.2;seed=1');
    const error = await configError(undefined);
    expect(error).toMatchObject({ name: 'CassetteConfigurationError', option: 'SPARK_FAULTS' });
    expect(error.message).toContain('Invalid SPARK_FAULTS: "rate_limit=0.2;seed=1" gives no number as the rate');
    expect(error.message).toContain('`<kind>=<rate>`');
  });
});

describe('the string form', () => {
  test('reads rates, request numbers and the seed', () => {
    expect(parseFaults('rate_limit=0.2, server_error=0.1,timeout@3+5,seed=42')).toEqual({
      seed: 42,
      rules: [
        { kind: 'rate_limit', rate: 0.2 },
        { kind: 'server_error', rate: 0.1 },
        { kind: 'timeout', on: [3, 5] },
      ],
    });
  });

  test('reads JSON for kind options', () => {
    expect(parseFaults('{"seed":3,"rules":[{"kind":"slow","rate":1,"perEventMs":10}]}')).toEqual({
      seed: 3,
      rules: [{ kind: 'slow', rate: 1, perEventMs: 10 }],
    });
  });
});

describe('where faults act', () => {
  test('SPARK_FAULTS applies to a cassette without the option; the option wins; false and "off" turn it off', async () => {
    const baseUrl = await recordFixture(dir.path, 'env', { chats: 1 });
    const status = async (options: object): Promise<number> => {
      const cassette = await startCassette('env', { dir: dir.path, mode: 'replay', allowRepeats: true, ...options });
      const response = await fetch(`${baseUrl}/chat/completions`, {
        method: 'POST',
        body: JSON.stringify(question(1)),
      });
      await cassette.stop({ failed: true });
      return response.status;
    };
    vi.stubEnv('SPARK_FAULTS', 'rate_limit@1');
    expect(await status({})).toBe(429);
    expect(await status({ faults: 'overloaded@1' })).toBe(503);
    expect(await status({ faults: false })).toBe(200);
    vi.stubEnv('SPARK_FAULTS', 'off');
    expect(await status({})).toBe(200);
  });

  test('record mode sends real requests with no fault, and says so once', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const server = await startOpenAIServer('01');
    try {
      for (let i = 0; i < 2; i++) {
        const cassette = await startCassette(`recorded-${i}`, {
          dir: dir.path,
          mode: 'record',
          faults: 'rate_limit=1',
        });
        const response = await fetch(`${server.baseUrl}/chat/completions`, {
          method: 'POST',
          body: JSON.stringify(question(1)),
        });
        expect(response.status).toBe(200);
        await cassette.stop();
        expect(cassette.faults).toEqual([]);
      }
    } finally {
      await server.close();
    }
    const said = warn.mock.calls
      .map((call) => String(call[0]))
      .filter((line) => line.includes('Fault injection is off'));
    expect(said).toEqual([
      '[spark-models] Fault injection is off in record mode: the `faults` option acts on replayed answers only, and recordings keep what the API really sent. Run in replay mode (SPARK_CASSETTE_MODE=replay) to inject faults.',
    ]);
  });

  test('a fault never hides a miss: a request with no recording still fails as a miss', async () => {
    const baseUrl = await recordFixture(dir.path, 'miss', { chats: 1 });
    const cassette = await startCassette('miss', { dir: dir.path, mode: 'replay', faults: 'rate_limit=1' });
    const response = await fetch(`${baseUrl}/chat/completions`, { method: 'POST', body: JSON.stringify(question(9)) });
    expect(response.status).toBe(400);
    expect(cassette.faults).toEqual([]);
    await expect(cassette.stop()).rejects.toMatchObject({ name: 'CassetteMissError' });
  });
});
