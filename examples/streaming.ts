// Print a reply while it arrives, with model.stream.
//
// `npm run example -- streaming`. Replays fixtures/cassettes/examples/streaming.yaml, whose
// recorded response is the list of server-sent events, replayed one by one.
import { OpenAIModel } from 'spark-models';
import { withCassette } from 'spark-models/cassette';

const model = new OpenAIModel({ modelId: 'gpt-3.5-turbo' });

await withCassette('streaming', { dir: 'fixtures/cassettes/examples' }, async () => {
  let deltas = 0;
  for await (const event of model.stream({
    messages: [{ role: 'user', content: [{ text: 'Tell me a short joke' }] }],
  })) {
    if (event.type === 'text') {
      // A piece of text: print it at once, without a line break.
      process.stdout.write(event.text);
      deltas += 1;
    } else if (event.type === 'response') {
      // The last event: the whole response, as getText would have returned it.
      console.log(`\n(${deltas} text events, stop reason: ${event.response.stopReason})`);
    }
  }
});
