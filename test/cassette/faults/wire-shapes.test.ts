import { describe, expect, test } from 'vitest';
import { startCassette, type Cassette } from '../../../src/cassette/index.js';
import type { FaultRule } from '../../../src/cassette/faults/types.js';
import { loadCorpus, type CorpusExchange } from '../../helpers/corpus.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { KEY, question, recordFixture, RESPONSES_TEXT } from './helpers.js';

// Each error fault's answer against the real exchange of the same kind in the corpus: status,
// the headers the SDK and OpenAIModel read, and the body's shape (key paths, value types,
// layout). The answer is read off the wire, through MSW (fetch) and through the cassette's own
// fetch (OpenAIModel's path); the two must be the same bytes.

const dir = useTempDir('spark-faults-wire-');

interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

/** Key paths and JSON types of a value: `error.message: string`. */
function shape(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) {
    return [`${path}: array`, ...value.flatMap((item, i) => shape(item, `${path}[${i}]`))];
  }
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => shape(item, path ? `${path}.${key}` : key));
  }
  return [`${path}: ${value === null ? 'null' : typeof value}`];
}

/** How a JSON text is laid out: its indent and whether it ends in a newline. */
function layout(text: string): { indent: number; finalNewline: boolean } {
  const second = text.split('\n')[1] ?? '';
  return { indent: second.length - second.trimStart().length, finalNewline: text.endsWith('\n') };
}

function corpusHeader(exchange: CorpusExchange, name: string): string | undefined {
  const found = Object.entries(exchange.response.headers).find(([key]) => key.toLowerCase() === name);
  return found === undefined ? undefined : String(found[1]);
}

/** The answer of a fault on the first request, over both paths. */
async function faultAnswers(rule: FaultRule, path: 'chat' | 'responses'): Promise<Answer[]> {
  const baseUrl = await recordFixture(dir.path, 'wire', { chats: 1, responses: true });
  const url = `${baseUrl}/${path === 'chat' ? 'chat/completions' : 'responses'}`;
  const body = JSON.stringify(path === 'chat' ? question(1) : RESPONSES_TEXT);
  const answers: Answer[] = [];
  for (const send of [
    (c: Cassette) => c.fetch(url, { method: 'POST', headers: { authorization: `Bearer ${KEY}` }, body }),
    () => fetch(url, { method: 'POST', headers: { authorization: `Bearer ${KEY}` }, body }),
  ]) {
    const cassette = await startCassette('wire', {
      dir: dir.path,
      mode: 'replay',
      faults: { seed: 7, rules: [{ ...rule, on: [1] }] },
    });
    const response = await send(cassette);
    answers.push({ status: response.status, headers: response.headers, text: await response.text() });
    await cassette.stop().catch(() => undefined);
  }
  expect(answers[1]?.text).toBe(answers[0]?.text);
  expect([...(answers[1]?.headers ?? [])]).toEqual([...(answers[0]?.headers ?? [])]);
  return answers;
}

/** Status and body as `exchange`; content type as `real` (the synthetic 22 and 23 have a plainer one). */
function expectSameShape(answer: Answer, exchange: CorpusExchange, real: CorpusExchange = exchange): void {
  expect(answer.status).toBe(exchange.response.status);
  expect(shape(JSON.parse(answer.text))).toEqual(shape(JSON.parse(exchange.response.body)));
  expect(layout(answer.text)).toEqual(layout(exchange.response.body));
  expect(answer.headers.get('content-type')).toBe(corpusHeader(real, 'content-type'));
  expect(answer.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{32}$/);
}

describe('the wire shape of each error fault', () => {
  test('rate_limit is a 429 shaped like corpus 23 (and 15): x-ratelimit-* headers, retry-after, rate_limit_exceeded', async () => {
    const [answer] = await faultAnswers({ kind: 'rate_limit', retryAfterMs: 120 }, 'chat');
    const withRetry = loadCorpus('23');
    expectSameShape(answer as Answer, withRetry, loadCorpus('15'));
    const body = JSON.parse(answer?.text ?? '') as { error: Record<string, unknown> };
    const recorded = JSON.parse(loadCorpus('15').response.body) as { error: Record<string, unknown> };
    expect(body.error['code']).toBe(recorded.error['code']);
    expect(body.error['message']).toMatch(/^Rate limit reached for gpt-4o-mini in organization .* on requests per min/);
    const rateLimitNames = (names: string[]): string[] =>
      names.filter((name) => name.startsWith('x-ratelimit-') || name.startsWith('retry-after')).sort();
    expect(rateLimitNames([...(answer?.headers.keys() ?? [])])).toEqual(
      rateLimitNames(Object.keys(withRetry.response.headers).map((name) => name.toLowerCase())),
    );
    expect([answer?.headers.get('retry-after'), answer?.headers.get('retry-after-ms')]).toEqual(['1', '120']);
  });

  test('rate_limit tells the SDK to retry at once by default, and sends no retry-after with null (as corpus 15)', async () => {
    const [quick] = await faultAnswers({ kind: 'rate_limit' }, 'chat');
    expect([quick?.headers.get('retry-after'), quick?.headers.get('retry-after-ms')]).toEqual(['0', '0']);
    const [none] = await faultAnswers({ kind: 'rate_limit', retryAfterMs: null, limit: 'tokens' }, 'chat');
    expect(none?.headers.has('retry-after')).toBe(false);
    expect(none?.headers.has('retry-after-ms')).toBe(false);
    expect(JSON.parse(none?.text ?? '').error.type).toBe(JSON.parse(loadCorpus('15').response.body).error.type);
  });

  test('context_window on chat/completions is corpus 22: 400 context_length_exceeded, "maximum context length"', async () => {
    const [answer] = await faultAnswers({ kind: 'context_window' }, 'chat');
    const exchange = loadCorpus('22');
    expectSameShape(answer as Answer, exchange, loadCorpus('15'));
    expect(answer?.text).toBe(exchange.response.body);
  });

  test('context_window on /v1/responses is corpus 16, word for word', async () => {
    const [answer] = await faultAnswers({ kind: 'context_window' }, 'responses');
    const exchange = loadCorpus('16');
    expectSameShape(answer as Answer, exchange);
    expect(answer?.text).toBe(exchange.response.body);
  });

  test('server_error on /v1/responses is corpus 18, naming its own request id', async () => {
    const [answer] = await faultAnswers({ kind: 'server_error' }, 'responses');
    const exchange = loadCorpus('18');
    expectSameShape(answer as Answer, exchange);
    const requestId = answer?.headers.get('x-request-id') ?? '';
    expect(answer?.text).toBe(exchange.response.body.replace(/req_[0-9a-f]{32}/, requestId));
  });

  test('server_error on chat/completions has the same fields in the chat layout of corpus 15 and 22', async () => {
    const [answer] = await faultAnswers({ kind: 'server_error' }, 'chat');
    expect(answer?.status).toBe(500);
    expect(shape(JSON.parse(answer?.text ?? ''))).toEqual(shape(JSON.parse(loadCorpus('18').response.body)));
    expect(layout(answer?.text ?? '')).toEqual(layout(loadCorpus('22').response.body));
  });

  test('server_error 502 and 503 and overloaded are 5xx with the error fields (code 502 numeric, as the edge sends it)', async () => {
    const [bad] = await faultAnswers({ kind: 'server_error', status: 502 }, 'chat');
    expect(bad?.status).toBe(502);
    expect(JSON.parse(bad?.text ?? '')).toEqual({
      error: { code: 502, message: 'Bad gateway.', param: null, type: 'cf_bad_gateway' },
    });
    const [unavailable] = await faultAnswers({ kind: 'server_error', status: 503 }, 'chat');
    expect(unavailable?.status).toBe(503);
    const [overloaded] = await faultAnswers({ kind: 'overloaded' }, 'responses');
    expect(overloaded?.status).toBe(503);
    for (const answer of [unavailable, overloaded]) {
      expect(Object.keys(JSON.parse(answer?.text ?? '').error)).toEqual(
        Object.keys(JSON.parse(loadCorpus('18').response.body).error),
      );
    }
    expect(JSON.parse(overloaded?.text ?? '').error).toMatchObject({
      message: expect.stringMatching(/^That model is currently overloaded with other requests\./),
      type: 'server_error',
      code: null,
    });
    expect(layout(overloaded?.text ?? '')).toEqual(layout(loadCorpus('34').response.body));
  });
});
