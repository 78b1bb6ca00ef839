// Suite variant (c): Polly.js replaying its own recordings (HAR files, fs persister), one
// recording per test. Node's fetch, which OpenAIModel and the openai SDK use, is seen only by
// Polly's fetch adapter; the node-http adapter is registered too, so that Polly, like the
// cassette setup module, covers node:http clients as well.
import { join } from 'node:path';
import FetchAdapter from '@pollyjs/adapter-fetch';
import NodeHttpAdapter from '@pollyjs/adapter-node-http';
import { Polly } from '@pollyjs/core';
import FSPersister from '@pollyjs/persister-fs';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { OpenAIModel } from '../../../src/model/openai-model.js';
import { finalText, WORKLOAD_MODEL } from '../../lib/workload.js';
import { runModelAgent, SUITE_KEY, suiteBaseUrl, TESTS_PER_FILE } from '../agent.js';

Polly.register(FetchAdapter);
Polly.register(NodeHttpAdapter);
Polly.register(FSPersister);
const model = new OpenAIModel({ modelId: WORKLOAD_MODEL, apiKey: SUITE_KEY, baseUrl: suiteBaseUrl(), maxRetries: 0 });

/** Declares the tests of suite file `file`. */
export function declareTests(file: number): void {
  let polly: Polly | undefined;
  beforeEach(({ task }) => {
    polly = new Polly(`file-${file}/${task.name}`, {
      adapters: ['fetch', 'node-http'],
      persister: 'fs',
      persisterOptions: { fs: { recordingsDir: join(process.cwd(), 'recordings') } },
      mode: process.env['BENCH_SUITE_RECORD'] ? 'record' : 'replay',
      recordIfMissing: false,
      logLevel: 'silent',
    });
  });
  afterEach(async () => {
    await polly?.stop();
  });
  for (let seed = file * TESTS_PER_FILE + 1; seed <= (file + 1) * TESTS_PER_FILE; seed++) {
    test(`agent ${seed} answers`, async () => {
      expect(await runModelAgent(model, seed)).toBe(finalText(seed));
    });
  }
}
