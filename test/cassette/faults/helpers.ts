import OpenAI from 'openai';
import { startCassette } from '../../../src/cassette/index.js';
import { loadCorpus } from '../../helpers/corpus.js';
import { startOpenAIServer } from '../../helpers/openai-server.js';

/** The key every client here sends; replay answers without a real one. */
export const KEY = 'sk-test-faults-0123456789';

/** Chat request bodies `q1`..`qN` and a streamed one, as the recordings hold them. */
export function question(n: number): OpenAI.ChatCompletionCreateParamsNonStreaming {
  return { model: 'gpt-4o-mini', messages: [{ role: 'user', content: `q${n}` }] };
}

export const STREAMED: OpenAI.ChatCompletionCreateParamsStreaming = {
  model: 'gpt-3.5-turbo',
  messages: [{ role: 'user', content: 'stream please' }],
  stream: true,
};

/** A Responses API request (corpus 24's answer) and a streamed one (corpus 30's). */
export const RESPONSES_TEXT = { model: 'gpt-4o-mini', input: 'What is 2 + 2?' };
export const RESPONSES_STREAM = { model: 'gpt-4.1-nano', input: 'Tell me a story', stream: true };

/**
 * Records a cassette from a loopback server that answers with real corpus exchanges: `chats`
 * chat answers (corpus 01) to `question(1..chats)`, then, when asked, a streamed chat answer
 * (06) and Responses API answers (24, 30). Returns the base URL the cassette recorded; the
 * server is gone afterwards, so a replayed request can only be answered by the cassette.
 */
export async function recordFixture(
  dir: string,
  name: string,
  options: { chats: number; stream?: boolean; responses?: boolean },
): Promise<string> {
  const replies = [
    ...Array.from({ length: options.chats }, () => '01'),
    ...(options.stream ? ['06'] : []),
    ...(options.responses ? ['24', '30'] : []),
  ];
  const server = await startOpenAIServer(...replies);
  try {
    const cassette = await startCassette(name, { dir, mode: 'record' });
    const sdk = new OpenAI({ apiKey: KEY, baseURL: server.baseUrl, maxRetries: 0 });
    for (let n = 1; n <= options.chats; n++) {
      await sdk.chat.completions.create(question(n));
    }
    if (options.stream) {
      for await (const _ of await sdk.chat.completions.create(STREAMED)) {
        // read to the end, so the whole stream is recorded
      }
    }
    if (options.responses) {
      await sdk.responses.create(RESPONSES_TEXT);
      for await (const _ of await sdk.responses.create({ ...RESPONSES_STREAM, stream: true })) {
        // read to the end
      }
    }
    await cassette.stop();
    return server.baseUrl;
  } finally {
    await server.close();
  }
}

/** The `data:` payloads of an SSE body, in order. */
export function sseData(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('data: '))
    .map((line) => line.slice(6));
}

/** The expected chat text of corpus 01. */
export const CHAT_01 = (JSON.parse(loadCorpus('01').response.body) as { choices: { message: { content: string } }[] })
  .choices[0]?.message.content;
