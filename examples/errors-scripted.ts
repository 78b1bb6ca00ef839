// Rate limits and context-window errors, simulated with ScriptedModel.
//
// `npm run example -- errors-scripted`. No HTTP at all: a ScriptedModel plays a script of
// replies and errors, so the error paths of your code run on demand, in any order.
import { ScriptedModel, reply } from 'spark-models/testing';
import { ask, askWithRecovery, longConversation } from './support/ask-with-recovery.js';

// One step per model call, in order. The errors are the very classes OpenAIModel throws.
const model = new ScriptedModel(
  [
    reply.error.rateLimit({ retryAfterMs: 200 }),
    reply.text('Hello! How can I help you today?'),
    reply.error.contextWindow(),
    reply.text('The team agreed to finish the launch checklist and ship on schedule.'),
  ],
  { modelId: 'gpt-4' },
);

console.log('1. a rate limit');
const hello = await askWithRecovery(model, 'gpt-4', ask('Hello'));
console.log(`  answer: ${hello.text}`);

console.log('2. a conversation too long for the model');
const summary = await askWithRecovery(model, 'gpt-4', longConversation());
console.log(`  answer: ${summary.text}`);

// Every call is recorded: check what your code sent, and that the script was used up.
for (const call of model.calls) {
  console.log(
    `call ${call.index + 1}: ${call.messages.length} messages -> ${call.error ? (call.error as Error).name : 'answered'}`,
  );
}
model.assertDone();
