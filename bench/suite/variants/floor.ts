// Suite line (info): no fake and no model call. The same ten files, setup modules and imports
// as the `cassette` fixture's, with tests that only build the agent's conversation: what vitest
// itself, its process per file and the modules' loading cost, below any way of faking the API.
import { expect, test } from 'vitest';
import { OpenAIModel } from '../../../src/model/openai-model.js';
import '../../../src/vitest/index.js';
import { history, WORKLOAD_MODEL } from '../../lib/workload.js';
import { conversationBytes, SUITE_KEY, suiteBaseUrl, TESTS_PER_FILE } from '../agent.js';

const model = new OpenAIModel({ modelId: WORKLOAD_MODEL, apiKey: SUITE_KEY, baseUrl: suiteBaseUrl(), maxRetries: 0 });

/** Declares the tests of suite file `file`. */
export function declareTests(file: number): void {
  for (let seed = file * TESTS_PER_FILE + 1; seed <= (file + 1) * TESTS_PER_FILE; seed++) {
    test(`agent ${seed} answers`, () => {
      expect(history(seed, conversationBytes(seed)).length).toBeGreaterThan(0);
      expect(model.getConfig().modelId).toBe(WORKLOAD_MODEL);
    });
  }
}
