// A system prompt and a conversation of several turns.
//
// `npm run example -- multi-turn`. Replays fixtures/cassettes/examples/multi-turn.yaml.
import { OpenAIModel, type Message } from 'spark-models';
import { startCassette } from 'spark-models/cassette';

const model = new OpenAIModel({ modelId: 'gpt-4o-mini' });
const systemPrompt = 'You are a friendly travel guide. Keep every answer to one or two sentences.';

// startCassette and stop() are the long form of withCassette.
const cassette = await startCassette('multi-turn', { dir: 'fixtures/cassettes/examples' });

// The conversation is a plain array: the model keeps no state between calls, so each call
// sends every turn so far.
const messages: Message[] = [{ role: 'user', content: [{ text: 'Return the name of a random city in the world.' }] }];
const first = await model.getText({ systemPrompt, messages });
console.log(`guide: ${first.text}`);

// Add the reply as an assistant turn, then ask a follow-up question.
messages.push({ role: 'assistant', content: [{ text: first.text }] });
messages.push({ role: 'user', content: [{ text: 'What is one dish I should try there?' }] });
const second = await model.getText({ systemPrompt, messages });
console.log(`guide: ${second.text}`);

const summary = await cassette.stop();
console.log(`(${summary.mode} mode: ${summary.replayed} calls replayed, ${summary.recorded} recorded)`);
