// Suite variant (b): a hand-written MSW handler per test, answering the three calls in turn,
// as an MSW user writes it (no recording: the replies are written in the test).
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { OpenAIModel } from '../../../src/model/openai-model.js';
import { finalText, replyBody, WORKLOAD_MODEL } from '../../lib/workload.js';
import { runModelAgent, SUITE_KEY, suiteBaseUrl, TESTS_PER_FILE } from '../agent.js';

const model = new OpenAIModel({ modelId: WORKLOAD_MODEL, apiKey: SUITE_KEY, baseUrl: suiteBaseUrl(), maxRetries: 0 });

/** Declares the tests of suite file `file`. */
export function declareTests(file: number): void {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  for (let seed = file * TESTS_PER_FILE + 1; seed <= (file + 1) * TESTS_PER_FILE; seed++) {
    test(`agent ${seed} answers`, async () => {
      let turn = 0;
      server.use(http.post(`${suiteBaseUrl()}/chat/completions`, () => HttpResponse.json(replyBody(seed, turn++))));
      expect(await runModelAgent(model, seed)).toBe(finalText(seed));
    });
  }
}
