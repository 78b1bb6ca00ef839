// Maintainers only: records the cassettes the examples replay, fixtures/cassettes/examples/.
//
//   npx tsx examples/recording/record-fixtures.ts [--root <dir>] [example...]
//
// Each example runs unchanged, in a child process, in `record` mode, with a stand-in key. The
// preload reroute-openai.ts sends its requests for https://api.openai.com to a loopback server
// that answers with real exchanges from the OpenAI wire corpus (test/fixtures/openai-corpus/)
// and, where the corpus has no such exchange, with `openaiResponseData` builders. So every file
// is written by the cassette layer itself, as against the real API: api.openai.com URLs, its
// own hashes and ids, the key redacted. Running it again gives the same files apart from
// `recordedAt` (and the SDK's platform headers, on another machine). `--root` writes under
// another directory instead of this repository (the e2e test compares the two).
import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { countTokens } from 'spark-models';
import { openaiResponseData, type HttpResponseData } from 'spark-models/testing';
import { loadCorpus, type CorpusExchange } from '../../test/helpers/corpus.js';
import { sendExchange, startOpenAIServer, type ReceivedRequest } from '../../test/helpers/openai-server.js';
import { normalizeInput } from '../../test/helpers/responses-input.js';

/**
 * One answer of the stand-in server: a corpus exchange, or a response built from the request.
 * `sameInput` also requires the request's Responses API `input` to be, in substance, the one
 * the corpus exchange recorded: what OpenAI accepted.
 */
type Answer = { corpus: string; sameInput?: true } | { build: (request: ReceivedRequest) => HttpResponseData };

/** The examples that replay a cassette, each with the answers to its requests, in order. */
const SESSIONS: Record<string, Answer[]> = {
  'quick-start': [{ corpus: '01' }],
  'multi-turn': [
    { corpus: '01' },
    {
      build: (request) =>
        openaiResponseData.chatCompletion({
          text: "Try pastéis de nata, Lisbon's custard tarts, still warm and dusted with cinnamon.",
          promptTokens: promptTokensOf(request),
        }),
    },
  ],
  'json-schema': [{ corpus: '04' }],
  agent: [
    { corpus: '21' },
    {
      build: (request) =>
        openaiResponseData.chatCompletion({
          text: 'It is 14°C and foggy in San Francisco, and 3°C with light snow in Boston.',
          model: 'gpt-3.5-turbo-0125',
          promptTokens: promptTokensOf(request),
        }),
    },
  ],
  streaming: [{ corpus: '06' }],
  // A turn of gpt-5-nano with `store: false`: the second request must send 25's reasoning back.
  responses: [{ corpus: '25' }, { corpus: '26', sameInput: true }],
  'errors-cassette': [
    { build: () => openaiResponseData.rateLimit({ retryAfterMs: 200, model: 'gpt-4' }) },
    {
      build: (request) =>
        openaiResponseData.chatCompletion({
          text: 'Hello! How can I help you today?',
          model: 'gpt-4-0613',
          promptTokens: promptTokensOf(request),
        }),
    },
    {
      build: (request) =>
        openaiResponseData.contextLengthExceeded({ maxContextTokens: 8192, requestedTokens: promptTokensOf(request) }),
    },
    {
      build: (request) =>
        openaiResponseData.chatCompletion({
          text: 'The team agreed to finish the launch checklist and ship on schedule.',
          model: 'gpt-4-0613',
          promptTokens: promptTokensOf(request),
        }),
    },
  ],
};

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The prompt tokens of a chat completions request, estimated with the real tokenizer. */
function promptTokensOf(request: ReceivedRequest): number {
  const messages = request.body.messages as { content?: unknown; tool_calls?: unknown }[];
  const texts = messages.map((m) =>
    typeof m.content === 'string' ? m.content : JSON.stringify(m.content ?? m.tool_calls ?? ''),
  );
  return (
    3 +
    texts.reduce((sum, text) => sum + 4 + countTokens(text), 0) +
    (request.body.tools ? countTokens(JSON.stringify(request.body.tools)) : 0)
  );
}

/** The text of the last user message of a chat completions or Responses API body. */
function lastUserText(body: { messages?: unknown; input?: unknown } | undefined): unknown {
  const items = (body?.messages ?? normalizeInput(body?.input ?? [])) as { role?: string; content: unknown }[];
  const content = items.filter((m) => m.role === 'user').at(-1)?.content;
  return Array.isArray(content) ? content.map((part: { text?: unknown }) => part.text ?? part) : content;
}

/** Answers one request; a corpus exchange must answer the very question its request asked. */
function answer(name: string, given: Answer, request: ReceivedRequest, res: ServerResponse): void {
  // node:http would add today's Date header; the corpus brings its own, the builders none.
  res.sendDate = false;
  if ('build' in given) {
    const { status, headers, body } = given.build(request);
    res.writeHead(status, headers).end(body);
    return;
  }
  const exchange: CorpusExchange = loadCorpus(given.corpus);
  const asked = lastUserText(request.body);
  const recorded = lastUserText(exchange.request.body as { messages?: unknown; input?: unknown });
  if (JSON.stringify(asked) !== JSON.stringify(recorded)) {
    throw new Error(
      `${name}: corpus ${exchange.file} answers ${JSON.stringify(recorded)}, but the example asked ${JSON.stringify(asked)}. Make the example ask the corpus question, or answer it with a builder.`,
    );
  }
  const input = normalizeInput((exchange.request.body as { input?: unknown }).input ?? []);
  if (given.sameInput && !isDeepStrictEqual(normalizeInput(request.body.input), input)) {
    throw new Error(
      `${name}: the request's input differs from what corpus ${exchange.file} sent OpenAI: ${JSON.stringify(request.body.input)}.`,
    );
  }
  sendExchange(res, exchange);
}

/** Runs one example in record mode against the stand-in server. */
async function record(name: string, answers: Answer[], root: string): Promise<void> {
  const queue = [...answers];
  const problems: string[] = [];
  const server = await startOpenAIServer((request, res) => {
    const next = queue.shift();
    try {
      if (!next) {
        throw new Error(`${name}: request ${answers.length + 1} has no answer; add one to SESSIONS.`);
      }
      answer(name, next, request, res);
    } catch (error) {
      problems.push((error as Error).message);
      res.writeHead(599).end();
    }
  });
  try {
    const code = await runExample(name, root, server.origin);
    if (code !== 0 || problems.length > 0 || queue.length > 0) {
      const unanswered = queue.length > 0 ? [`${name}: ${queue.length} answer(s) were never asked for.`] : [];
      throw new Error([`${name}: recording failed (exit code ${code}).`, ...problems, ...unanswered].join('\n'));
    }
  } finally {
    await server.close();
  }
}

/** The example as its own process, in `record` mode, its api.openai.com requests rerouted. */
function runExample(name: string, root: string, upstream: string): Promise<number | null> {
  const args = [
    '--import',
    import.meta.resolve('tsx'),
    '--import',
    import.meta.resolve('./reroute-openai.ts'),
    resolve(ROOT, 'examples', `${name}.ts`),
  ];
  const env = {
    ...process.env,
    SPARK_CASSETTE_MODE: 'record',
    // A stand-in key: recording needs one, and the cassette must show it redacted.
    OPENAI_API_KEY: 'examples-recording-key',
    OPENAI_BASE_URL: '',
    OPENAI_ORG_ID: '',
    CI: '',
    SPARK_EXAMPLES_UPSTREAM: upstream,
    // The examples import `spark-models` through this repository's tsconfig paths.
    TSX_TSCONFIG_PATH: resolve(ROOT, 'tsconfig.json'),
  };
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', fail);
    child.on('exit', done);
  });
}

const { values, positionals } = parseArgs({ options: { root: { type: 'string' } }, allowPositionals: true });
const root = resolve(values.root ?? ROOT);
const names = positionals.length > 0 ? positionals : Object.keys(SESSIONS);
await mkdir(root, { recursive: true });
for (const name of names) {
  const answers = SESSIONS[name];
  if (!answers) {
    throw new Error(`No example "${name}" records a cassette. The ones that do: ${Object.keys(SESSIONS).join(', ')}.`);
  }
  console.log(`--- ${name}`);
  await record(name, answers, root);
}
console.log(`Recorded ${names.length} cassette(s) into ${resolve(root, 'fixtures/cassettes/examples')}.`);
