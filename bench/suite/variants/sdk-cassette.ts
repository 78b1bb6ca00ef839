// Suite variant (e): the raw openai SDK through the `cassette` fixture (MSW, from the setup module).
import OpenAI from 'openai';
import { expect } from 'vitest';
import { test } from '../../../src/vitest/index.js';
import { finalText } from '../../lib/workload.js';
import { runSdkAgent, SUITE_KEY, suiteBaseUrl, TESTS_PER_FILE } from '../agent.js';

// Built at module scope: served by cassettes because the setup module intercepts first.
const client = new OpenAI({ apiKey: SUITE_KEY, baseURL: suiteBaseUrl(), maxRetries: 0 });

/** Declares the tests of suite file `file`. */
export function declareTests(file: number): void {
  for (let seed = file * TESTS_PER_FILE + 1; seed <= (file + 1) * TESTS_PER_FILE; seed++) {
    test(`agent ${seed} answers`, async ({ cassette }) => {
      expect(await runSdkAgent(client, seed)).toBe(finalText(seed));
      expect(cassette.state).toBe('active');
    });
  }
}
