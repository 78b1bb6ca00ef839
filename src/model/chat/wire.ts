import type { ChatCompletion, ChatCompletionChunk } from 'openai/resources/chat/completions';
import type { Wire } from '../wire.js';
import { buildChatRequest } from './build-request.js';
import { mapResponse, refusalsOf } from './map-response.js';
import { StreamAccumulator } from './stream-accumulator.js';

/** Chat completions (`POST /chat/completions`), which every OpenAI-compatible server speaks. */
export const chatWire: Wire<ChatCompletion> = {
  api: 'chat',
  build: buildChatRequest,
  create: (sdk, body, requestOptions) =>
    sdk.chat.completions.create(
      body as Parameters<typeof sdk.chat.completions.create>[0],
      requestOptions,
    ) as Promise<ChatCompletion>,
  createStream: (sdk, body, requestOptions) =>
    sdk.chat.completions.create(
      {
        ...(body as Parameters<typeof sdk.chat.completions.create>[0]),
        stream: true,
        stream_options: { include_usage: true },
      },
      requestOptions,
    ),
  isReply: (value): value is ChatCompletion =>
    typeof value === 'object' && value !== null && Array.isArray((value as ChatCompletion).choices),
  map: (completion, { stopSequences, readToolInput }) => mapResponse(completion, stopSequences, readToolInput),
  refusals: refusalsOf,
  stream: () => {
    const accumulator = new StreamAccumulator();
    return {
      add: (chunk) => accumulator.add(chunk as ChatCompletionChunk),
      result: () => accumulator.toCompletion(),
    };
  },
};
