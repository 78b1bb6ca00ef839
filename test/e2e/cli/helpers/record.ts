import { startCassette, type CassetteOptions, type CassetteSummary } from '../../../../src/cassette/index.js';
import { writeUsageReport } from '../../../../src/cassette/usage-report.js';
import { startOpenAIServer } from '../../../helpers/openai-server.js';
import { chat, rawClient, settle } from '../../../cassette/helpers/clients.js';
import type OpenAI from 'openai';

/** The key the recordings are made with; recording scrubs it, so it must never be in a file. */
export const RECORDING_KEY = 'sk-proj-e2eRecordingKey0123456789abcdef';

const SQUARE_TOOL: OpenAI.ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'square_number',
    description: 'Returns the square of a number.',
    parameters: { type: 'object', properties: { number: { type: 'integer' } } },
  },
};

/** One request of a recorded session and the corpus exchange the server answers it with. */
export interface SessionStep {
  reply: string;
  call(client: OpenAI): Promise<unknown>;
}

/**
 * A tool-using conversation: the user asks, the model calls `square_number` (corpus 02), the
 * tool result goes back and the model answers (01); then a streamed answer with a usage
 * chunk (07) and a rate-limit error (15).
 */
export const TOOL_SESSION: SessionStep[] = [
  {
    reply: '02',
    call: (client) => client.chat.completions.create({ ...chat('What is the square of 5?'), tools: [SQUARE_TOOL] }),
  },
  {
    reply: '01',
    call: (client) =>
      client.chat.completions.create({
        model: 'gpt-4o-mini',
        tools: [SQUARE_TOOL],
        messages: [
          { role: 'user', content: 'What is the square of 5?' },
          {
            role: 'assistant',
            content: null,
            tool_calls: [
              {
                id: 'call_i6JVJ1KxX79A4WzFri98E03U',
                type: 'function',
                function: { name: 'square_number', arguments: '{"number":5}' },
              },
            ],
          },
          { role: 'tool', tool_call_id: 'call_i6JVJ1KxX79A4WzFri98E03U', content: '25' },
        ],
      }),
  },
  {
    reply: '07',
    call: async (client) => {
      const stream = await client.chat.completions.create({
        ...chat('Tell me a story', 'gpt-4o'),
        stream: true,
        stream_options: { include_usage: true },
      });
      for await (const _chunk of stream) {
        // Read to the end, so the whole stream is recorded.
      }
    },
  },
  { reply: '15', call: (client) => client.chat.completions.create(chat('A very long prompt', 'gpt-5-nano')) },
];

/** `count` plain chat requests answered with corpus 01, each asking something different. */
export function plainSession(count: number): SessionStep[] {
  return Array.from({ length: count }, (_, i) => ({
    reply: '01',
    call: (client: OpenAI) => client.chat.completions.create(chat(`question ${i + 1}`)),
  }));
}

/**
 * Records `steps` into `<dir>/<name>.yaml` through the real SDK against a loopback server
 * replaying corpus bytes, as the cassette tests do (`options` as `startCassette` takes them). Resolves to the server's base URL (which
 * the recordings hold, and replays must use).
 */
export async function recordCassette(
  dir: string,
  name: string,
  steps: readonly SessionStep[],
  options: CassetteOptions = {},
): Promise<string> {
  const server = await startOpenAIServer(...steps.map((step) => step.reply));
  try {
    const cassette = await startCassette(name, { ...options, dir, mode: 'record' });
    const client = rawClient(server.baseUrl, { apiKey: RECORDING_KEY });
    for (const step of steps) {
      await settle(() => step.call(client));
    }
    await cassette.stop();
    return server.baseUrl;
  } finally {
    await server.close();
  }
}

/**
 * Replays `steps` from the cassette with no server, then writes the usage report into
 * `reportDir` itself: `Cassette.stop()` writes one under this process's working directory, which
 * is not the test's project. Resolves to the ids reported unused.
 */
export async function replayAndReport(
  dir: string,
  name: string,
  baseUrl: string,
  steps: readonly SessionStep[],
  reportDir: string,
): Promise<string[]> {
  const cassette = await startCassette(name, { dir, mode: 'replay' });
  const client = rawClient(baseUrl, { apiKey: 'sk-replay-key-not-the-recording-one' });
  let summary: CassetteSummary;
  try {
    for (const step of steps) {
      // Recorded errors (the 429) replay as errors; misses are rethrown below.
      await settle(() => step.call(client));
    }
  } finally {
    summary = await cassette.stop({ failed: true });
  }
  if (summary.misses.length > 0) {
    throw summary.misses[0];
  }
  const unused = summary.unused.map((u) => u.id);
  await writeUsageReport({ cassettePath: summary.path, unused }, { dir: reportDir });
  return unused;
}
