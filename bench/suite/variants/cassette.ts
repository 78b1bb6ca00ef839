// Suite variant (a): the `cassette` fixture of spark-models/vitest, OpenAIModel, setup modules
// in `setupFiles` (see vitest-config.ts).
import { expect } from 'vitest';
import { OpenAIModel } from '../../../src/model/openai-model.js';
import { test } from '../../../src/vitest/index.js';
import { finalText, WORKLOAD_MODEL } from '../../lib/workload.js';
import { runModelAgent, SUITE_KEY, suiteBaseUrl, TESTS_PER_FILE } from '../agent.js';

const model = new OpenAIModel({ modelId: WORKLOAD_MODEL, apiKey: SUITE_KEY, baseUrl: suiteBaseUrl(), maxRetries: 0 });

/** Declares the tests of suite file `file`. */
export function declareTests(file: number): void {
  for (let seed = file * TESTS_PER_FILE + 1; seed <= (file + 1) * TESTS_PER_FILE; seed++) {
    test(`agent ${seed} answers`, async ({ cassette }) => {
      expect(await runModelAgent(model, seed)).toBe(finalText(seed));
      expect(cassette.state).toBe('active');
    });
  }
}
