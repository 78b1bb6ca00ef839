// Suite line (info): the model calls answered by a plain function, no replay tool. The same ten
// files, setup modules and imports as the `cassette` fixture's; each test makes the agent's
// three calls, which a stand-in for the active cassette answers with the replies built in
// memory. What the calls themselves cost in a fresh test process (the SDK and OpenAIModel, cold),
// below any way of faking the API that `OpenAIModel` is tested through.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { activeCassette } from '../../../src/internal/active-cassette.js';
import { OpenAIModel } from '../../../src/model/openai-model.js';
import '../../../src/vitest/index.js';
import { finalText, replyHeaders, replyText, WORKLOAD_MODEL } from '../../lib/workload.js';
import { runModelAgent, SUITE_KEY, suiteBaseUrl, TESTS_PER_FILE } from '../agent.js';

const model = new OpenAIModel({ modelId: WORKLOAD_MODEL, apiKey: SUITE_KEY, baseUrl: suiteBaseUrl(), maxRetries: 0 });

/** Declares the tests of suite file `file`. */
export function declareTests(file: number): void {
  let detach: (() => void) | undefined;
  let answer: () => Response = () => {
    throw new Error('no test is running');
  };
  beforeEach(() => {
    detach = activeCassette.activate({
      name: 'plain function',
      state: 'active',
      servesWithoutKey: true,
      isCassetteError: () => false,
      enter: () => ({ fetch: async () => answer(), end: () => undefined }),
    });
  });
  afterEach(() => detach?.());
  for (let seed = file * TESTS_PER_FILE + 1; seed <= (file + 1) * TESTS_PER_FILE; seed++) {
    test(`agent ${seed} answers`, async () => {
      let turn = 0;
      answer = () => new Response(replyText(seed, turn++), { status: 200, headers: replyHeaders() });
      expect(await runModelAgent(model, seed)).toBe(finalText(seed));
    });
  }
}
