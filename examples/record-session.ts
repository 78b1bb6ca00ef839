// Record a session of your own: the one example that talks to the real API.
//
// `OPENAI_API_KEY=sk-... npm run example -- record-session` sends one small request to
// OpenAI and records it into a new temporary directory. Without a key it only explains how
// recording works, and exits cleanly.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OpenAIModel } from 'spark-models';
import { startCassette } from 'spark-models/cassette';

if (!process.env['OPENAI_API_KEY']) {
  console.log(`No OPENAI_API_KEY is set, so nothing was sent and nothing was written.

How recording works:
- Each cassette runs in a mode. SPARK_CASSETTE_MODE sets it for a whole run:
    replay       answer from the file, never touch the network (the default on CI)
    record       send every request for real and overwrite the file
    auto         replay what matches, record the rest (the default while the file is missing)
    passthrough  send every request for real, record nothing
- Off CI, a test whose cassette file is missing records it on its first run (auto), and
  replays it from then on. To record again: SPARK_CASSETTE_MODE=record npx vitest run <test file>
- A cassette is one YAML file, fixtures/cassettes/<name>.yaml under the working directory.
  Commit it: CI replays it with no key.
- The key never reaches the file: authorization and cookie headers are written as REDACTED,
  and the key's value is scrubbed wherever else it appears.

To record this example for real (one small request to gpt-4o-mini), run:
  OPENAI_API_KEY=sk-... npm run example -- record-session`);
} else {
  // A fresh directory, so a real recording never lands among the shipped fixtures.
  const dir = await mkdtemp(join(tmpdir(), 'spark-models-session-'));
  // mode 'record' sends every request for real; the key comes from OPENAI_API_KEY.
  const cassette = await startCassette('my-session', { dir, mode: 'record' });
  const model = new OpenAIModel({ modelId: 'gpt-4o-mini' });
  const response = await model.getText({
    messages: [{ role: 'user', content: [{ text: 'Return the name of a random city in the world.' }] }],
  });
  const summary = await cassette.stop();
  console.log(response.text);
  console.log(`Recorded ${summary.recorded} request into ${summary.path}`);
  console.log(`Read it as a transcript with: npx spark-cassette show ${summary.path}`);
}
