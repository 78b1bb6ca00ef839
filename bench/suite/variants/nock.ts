// Suite variant (d): nock's back mode, one JSON fixture per test: `lockdown` replays them with
// real connections refused, `record` writes them.
import { join } from 'node:path';
import nock from 'nock';
import { expect, test } from 'vitest';
import { OpenAIModel } from '../../../src/model/openai-model.js';
import { finalText, WORKLOAD_MODEL } from '../../lib/workload.js';
import { runModelAgent, SUITE_KEY, suiteBaseUrl, TESTS_PER_FILE } from '../agent.js';

nock.back.fixtures = join(process.cwd(), 'fixtures');
nock.back.setMode(process.env['BENCH_SUITE_RECORD'] ? 'record' : 'lockdown');
const model = new OpenAIModel({ modelId: WORKLOAD_MODEL, apiKey: SUITE_KEY, baseUrl: suiteBaseUrl(), maxRetries: 0 });

/** Declares the tests of suite file `file`. */
export function declareTests(file: number): void {
  for (let seed = file * TESTS_PER_FILE + 1; seed <= (file + 1) * TESTS_PER_FILE; seed++) {
    test(`agent ${seed} answers`, async () => {
      const { nockDone, context } = await nock.back(`agent-${seed}.json`);
      try {
        expect(await runModelAgent(model, seed)).toBe(finalText(seed));
        context.assertScopesFinished();
      } finally {
        nockDone();
      }
    });
  }
}
