// The error handling both error examples run: the same code, once against a ScriptedModel
// (errors-scripted.ts) and once against recorded OpenAI error responses (errors-cassette.ts).
import {
  ModelContextWindowError,
  ModelRateLimitError,
  getContextWindow,
  truncateConversation,
  type Message,
  type Model,
  type ModelResponse,
} from 'spark-models';

const MAX_ATTEMPTS = 3;

/**
 * Asks `model`, recovering from the two errors that have a known fix, and rethrowing the rest:
 * - `ModelRateLimitError` (429): wait as long as the server asked (`retryAfterMs`), retry;
 * - `ModelContextWindowError`: keep only the newest turns that fit the model, retry.
 * `modelId` picks the tokenizer and the context window for the truncation.
 */
export async function askWithRecovery(model: Model, modelId: string, messages: Message[]): Promise<ModelResponse> {
  let conversation = messages;
  for (let attempt = 1; ; attempt++) {
    try {
      return await model.getText({ messages: conversation });
    } catch (error) {
      if (attempt === MAX_ATTEMPTS) {
        throw error;
      }
      if (error instanceof ModelRateLimitError) {
        const waitMs = error.retryAfterMs ?? 1000;
        console.log(`  rate limited: waiting ${waitMs} ms, as the server asked, then retrying`);
        await new Promise((resolve) => setTimeout(resolve, waitMs));
      } else if (error instanceof ModelContextWindowError) {
        // Leave 1,000 tokens of the context window for the reply.
        const budget = (getContextWindow(modelId) ?? 8192) - 1000;
        conversation = truncateConversation(conversation, { maxTokens: budget, modelId });
        console.log(
          `  too long for ${modelId}: kept the newest ${conversation.length} of ${messages.length} messages, retrying`,
        );
      } else {
        throw error;
      }
    }
  }
}

/** A conversation too long for gpt-4's 8,192 tokens: a month of meeting notes, then a question. */
export function longConversation(): Message[] {
  const messages: Message[] = [];
  for (let day = 1; day <= 30; day++) {
    const notes = `Day ${day} notes: ${'The team reviewed the launch checklist and agreed on the next steps. '.repeat(20)}`;
    messages.push({ role: 'user', content: [{ text: notes }] });
    messages.push({ role: 'assistant', content: [{ text: `Noted for day ${day}.` }] });
  }
  messages.push({ role: 'user', content: [{ text: 'What did the team agree on this month, in one sentence?' }] });
  return messages;
}

/** A one-message conversation. */
export function ask(text: string): Message[] {
  return [{ role: 'user', content: [{ text }] }];
}
