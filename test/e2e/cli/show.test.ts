import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { useTempDir } from '../../helpers/temp-dir.js';
import { buildCli, runBin, runBinOnTty } from './helpers/cli.js';
import { chat, rawClient } from '../../cassette/helpers/clients.js';
import { startCassette } from '../../../src/cassette/index.js';
import { openaiResponseData } from '../../../src/testing/index.js';
import { dataReply, startOpenAIServer } from '../../helpers/openai-server.js';
import { recordCassette, TOOL_SESSION } from './helpers/record.js';
import { OpenAIModel } from '../../../src/model/openai-model.js';
import { loadCorpus } from '../../helpers/corpus.js';

const project = useTempDir('spark-cli-show-');
let build: ReturnType<typeof buildCli>;
const FILE = 'fixtures/cassettes/agent/tool-session.yaml';
const ANSI = /\u001b\[\d+m/;

beforeAll(() => {
  build = buildCli();
});

afterAll(() => {
  build.remove();
});

const cli = (...args: string[]) => runBin(build.bin, args, { cwd: project.path });
const record = () => recordCassette(join(project.path, 'fixtures/cassettes'), 'agent/tool-session', TOOL_SESSION);

describe('spark-cassette show', () => {
  test('prints the conversation: messages by role, tool calls with input, tool results, replies, finish reasons, usage and errors', async () => {
    const baseUrl = await record();

    const run = await cli('show', FILE);

    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).not.toMatch(ANSI);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe(FILE);
    expect(lines[1]).toMatch(/^4 interactions · recorded by spark-models \S+ with openai \S+$/);
    expect(run.stdout).toContain(`#1  POST ${baseUrl}/chat/completions  ·  gpt-4o-mini  ·  `);
    expect(run.stdout).toContain('    tools      square_number\n    user       What is the square of 5?\n  ← 200\n');
    expect(run.stdout).toContain(
      '    assistant  → square_number {"number":5}  (call_i6JVJ1KxX79A4WzFri98E03U)\n               finish tool_calls · tokens 58 in + 15 out = 73\n',
    );
    // The second request repeats the user's question: folded, then the new messages.
    expect(run.stdout).toContain(
      '    … 1 earlier message as in #1\n' +
        '    assistant  → square_number {"number":5}  (call_i6JVJ1KxX79A4WzFri98E03U)\n' +
        '    tool       (result of call_i6JVJ1KxX79A4WzFri98E03U) 25\n' +
        '  ← 200\n' +
        '    assistant  How about "Lisbon"? It’s the capital city of Portugal, known for its rich history and vibrant culture.\n' +
        '               finish stop · tokens 18 in + 24 out = 42\n',
    );
    // The stream is put back together from its events, usage from its last chunk.
    expect(run.stdout).toContain(
      '  ← 200 streamed\n    assistant  I now can give a great answer  \n               Final Answer: hi\n               finish stop · tokens 161 in + 12 out = 173\n',
    );
    expect(run.stdout).toContain(
      '  ← 429\n    error      429 rate_limit_exceeded (tokens): Request too large for gpt-5-nano in organization REDACTED on tokens per min (TPM)',
    );
  });

  test('prints every message with --full', async () => {
    await record();

    const run = await cli('show', FILE, '--full');

    expect(run.stdout).not.toContain('earlier message');
    expect(run.stdout.match(/ {4}user {7}What is the square of 5\?/g)).toHaveLength(2);
  });

  test('emits the transcript as JSON with --json: parsed tool input, tool results, reply, usage and the error', async () => {
    await record();

    const run = await cli('show', FILE, '--json');

    expect(run.code).toBe(0);
    const output = JSON.parse(run.stdout);
    expect(output).toMatchObject({
      command: 'show',
      ok: true,
      file: FILE,
      provenance: { models: ['gpt-4o', 'gpt-4o-mini', 'gpt-5-nano'] },
      problems: [],
    });
    const [first, second, third, fourth] = output.interactions;
    expect(first).toMatchObject({
      index: 0,
      model: 'gpt-4o-mini',
      tools: ['square_number'],
      messages: [{ role: 'user', text: 'What is the square of 5?' }],
    });
    expect(first.response).toEqual({
      status: 200,
      stream: false,
      reply: {
        role: 'assistant',
        toolCalls: [{ id: 'call_i6JVJ1KxX79A4WzFri98E03U', name: 'square_number', input: { number: 5 } }],
      },
      finishReason: 'tool_calls',
      usage: { input: 58, output: 15, total: 73 },
    });
    expect(second.messages).toEqual([
      { role: 'user', text: 'What is the square of 5?' },
      {
        role: 'assistant',
        toolCalls: [{ id: 'call_i6JVJ1KxX79A4WzFri98E03U', name: 'square_number', input: { number: 5 } }],
      },
      { role: 'tool', text: '25', toolCallId: 'call_i6JVJ1KxX79A4WzFri98E03U' },
    ]);
    expect(third.response).toMatchObject({
      status: 200,
      stream: true,
      reply: { text: 'I now can give a great answer  \nFinal Answer: hi' },
      usage: { total: 173 },
    });
    expect(fourth.response.error).toEqual({
      status: 429,
      type: 'tokens',
      code: 'rate_limit_exceeded',
      message: expect.stringMatching(/^Request too large for gpt-5-nano/),
    });
  });

  test('puts streamed tool calls back together and reads Responses API requests and errors', async () => {
    await recordCassette(join(project.path, 'fixtures/cassettes'), 'mixed', [
      {
        reply: '08',
        call: async (client) => {
          const stream = await client.chat.completions.create({
            ...chat('What is the weather in New York?', 'gpt-4o'),
            stream: true,
            stream_options: { include_usage: true },
          });
          for await (const _chunk of stream) {
            // Read to the end, so the whole stream is recorded.
          }
        },
      },
      {
        reply: '16',
        call: (client) =>
          client.responses.create({
            model: 'gpt-5-nano',
            instructions: 'Be brief.',
            input: [
              { role: 'user', content: 'Summarise this book.' },
              { type: 'function_call_output', call_id: 'call_1', output: 'chapter one' },
            ],
          }),
      },
    ]);

    const run = await cli('show', 'fixtures/cassettes/mixed.yaml');

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      / {2}← 200 streamed\n {4}assistant {2}→ get_weather \{"location":"New York, NY"[^\n]*\}  \(call_\w+\)\n {15}finish tool_calls · tokens \d+ in \+ \d+ out = \d+\n/,
    );
    expect(run.stdout).toContain(
      '    system     Be brief.\n' +
        '    user       Summarise this book.\n' +
        '    tool       (result of call_1) chapter one\n' +
        '  ← 400\n' +
        '    error      400 context_length_exceeded (invalid_request_error): Your input exceeds the context window of this model.',
    );
  });

  test('prints Responses API reasoning summaries and function calls in the order the model produced them', async () => {
    const interleaved = JSON.parse(openaiResponseData.response({ text: 'unused', model: 'gpt-5-nano' }).body);
    interleaved.output = [
      { id: 'rs_1', type: 'reasoning', summary: [{ type: 'summary_text', text: 'First Paris.' }] },
      {
        id: 'fc_1',
        type: 'function_call',
        status: 'completed',
        call_id: 'call_paris',
        name: 'weather',
        arguments: '{"city":"Paris"}',
      },
      { id: 'rs_2', type: 'reasoning', summary: [{ type: 'summary_text', text: 'Then London.' }] },
      {
        id: 'fc_2',
        type: 'function_call',
        status: 'completed',
        call_id: 'call_london',
        name: 'weather',
        arguments: '{"city":"London"}',
      },
    ];
    const server = await startOpenAIServer(
      '25',
      '26',
      (_request, res) => {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(interleaved));
      },
      '27',
      '28',
    );
    try {
      const cassette = await startCassette('responses', {
        dir: join(project.path, 'fixtures/cassettes'),
        mode: 'record',
      });
      const model = new OpenAIModel({
        modelId: 'gpt-5-nano',
        api: 'responses',
        store: false,
        apiKey: 'sk-show-key-0123456789',
        baseUrl: server.baseUrl,
      });
      const weather = loadCorpus('25').request.body as { tools: { parameters: Record<string, unknown> }[] };
      const toolSpecs = [
        { name: 'weather', description: 'Weather.', inputSchema: { json: weather.tools[0]?.parameters ?? {} } },
      ];
      const ask = [{ role: 'user' as const, content: "What's the weather in Berlin? (52.5200, 13.4050)" }];
      const first = await model.getText({ messages: ask, toolSpecs });
      const result = {
        toolResult: {
          toolUseId: first.toolUses[0]?.toolUseId ?? '',
          content: [{ text: '15°C' }],
          status: 'success' as const,
        },
      };
      await model.getText({
        messages: [...ask, { role: 'assistant', content: first.content }, { role: 'user', content: [result] }],
        toolSpecs,
      });
      await model.getText({ messages: [{ role: 'user', content: 'Paris and London?' }], toolSpecs });
      const stored = await model.getText({ messages: [{ role: 'user', content: 'San Francisco?' }], toolSpecs });
      await model.getText({
        messages: [{ role: 'user', content: [result] }],
        previousResponseId: stored.id ?? '',
        toolSpecs,
      });
      await cassette.stop();
    } finally {
      await server.close();
    }

    const run = await cli('show', 'fixtures/cassettes/responses.yaml');
    const json = JSON.parse((await cli('show', 'fixtures/cassettes/responses.yaml', '--json')).stdout);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      '  ← 200\n' +
        '    assistant  reasoning: (no summary)\n' +
        '               → weather {"latitude":"52.5200","longitude":"13.4050"}  (call_R1nRm6zHHaYdJmzUTyHeErE1)\n',
    );
    // The reasoning sent back with the call, in the order the next request sent them.
    expect(run.stdout).toContain(
      '    assistant  reasoning: (no summary)\n' +
        '    assistant  → weather {"latitude":"52.5200","longitude":"13.4050"}  (call_R1nRm6zHHaYdJmzUTyHeErE1)\n' +
        '    tool       (result of call_R1nRm6zHHaYdJmzUTyHeErE1) 15°C\n',
    );
    expect(run.stdout).toContain(
      '    assistant  reasoning: First Paris.\n' +
        '               → weather {"city":"Paris"}  (call_paris)\n' +
        '               reasoning: Then London.\n' +
        '               → weather {"city":"London"}  (call_london)\n',
    );
    expect(run.stdout).toContain('    continues  resp_0401f348de3b68550069d6f97bea1081a2b6482c17b3205c9a\n');
    expect(
      json.interactions[2].response.output.map((item: { reasoning?: string }) => item.reasoning ?? 'call'),
    ).toEqual(['First Paris.', 'call', 'Then London.', 'call']);
  });

  test("prints a reasoning model's reasoning and cached tokens beside its usage", async () => {
    const server = await startOpenAIServer(
      dataReply(
        openaiResponseData.chatCompletion({
          text: 'Paris.',
          model: 'o3-mini-2025-01-31',
          promptTokens: 1500,
          completionTokens: 210,
          reasoningTokens: 192,
          cachedTokens: 1024,
        }),
      ),
    );
    try {
      const cassette = await startCassette('reasoning', {
        dir: join(project.path, 'fixtures/cassettes'),
        mode: 'record',
      });
      await rawClient(server.baseUrl).chat.completions.create(chat('Capital of France?', 'o3-mini'));
      await cassette.stop();
    } finally {
      await server.close();
    }

    const run = await cli('show', 'fixtures/cassettes/reasoning.yaml');
    const json = await cli('show', 'fixtures/cassettes/reasoning.yaml', '--json');

    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      '    assistant  Paris.\n               finish stop · tokens 1500 in + 210 out = 1710 (192 reasoning, 1024 cached)\n',
    );
    expect(JSON.parse(json.stdout).interactions[0].response.usage).toEqual({
      input: 1500,
      output: 210,
      total: 1710,
      reasoning: 192,
      cachedInput: 1024,
    });
  });

  test('colours the transcript on a terminal, and not when NO_COLOR is set', async () => {
    await record();

    const tty = await runBinOnTty(build.bin, ['show', FILE], { cwd: project.path });
    const noColor = await runBinOnTty(build.bin, ['show', FILE], { cwd: project.path, env: { NO_COLOR: '1' } });

    expect(tty.code).toBe(0);
    expect(tty.stdout).toMatch(ANSI);
    expect(tty.stdout).toContain('\u001b[36muser\u001b[39m');
    expect(tty.stdout).toContain('\u001b[31m← 429\u001b[39m');
    expect(noColor.stdout).not.toMatch(ANSI);
    expect(noColor.stdout).toContain('    user       What is the square of 5?');
  });

  test('reports a file that does not parse with its file and line, exit 1 and no stack', async () => {
    await record();
    const path = join(project.path, FILE);
    const lines = (await readFile(path, 'utf8')).split('\n');
    const statusLine = lines.findIndex((line) => line.trim() === 'status: 200');
    lines[statusLine] = '      status: [200';
    await writeFile(path, lines.join('\n'));

    const run = await cli('show', FILE);

    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      new RegExp(`^${FILE}:\\d+  invalid-yaml\\n  Cannot read cassette ${FILE} \\(line \\d+\\): invalid YAML: `),
    );
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stderr).toBe('');
  });

  test('names the field of a parsed file that is not a valid cassette, as JSON too', async () => {
    await record();
    const path = join(project.path, FILE);
    await writeFile(path, (await readFile(path, 'utf8')).replace('status: 429', 'status: "too many"'));

    const run = await cli('show', FILE, '--json');

    expect(run.code).toBe(1);
    const [problem] = JSON.parse(run.stdout).problems;
    expect(problem).toMatchObject({
      code: 'invalid-format',
      file: FILE,
      field: 'interactions[3].response.status',
      line: expect.any(Number),
    });
    expect(problem.message).toContain('must be an HTTP status (100 to 599), found string "too many"');
  });
});
