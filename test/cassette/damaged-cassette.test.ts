import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  isCassetteError,
  parseCassette,
  serializeCassette,
  startCassette,
  type Cassette,
  type CassetteFile,
  type JsonValue,
} from '../../src/cassette/index.js';
import { isModelError } from '../../src/index.js';
import { OpenAIModel } from '../../src/model/openai-model.js';
import { corpusBodyBytes, loadCorpus } from '../helpers/corpus.js';
import { startOpenAIServer } from '../helpers/openai-server.js';

/**
 * Random damage to a real cassette, inside header values and body strings: byte flips in the
 * file, and characters changed in the values. Whatever the damage, loading and replaying it
 * through OpenAIModel and the raw SDK either works, or fails typed: a `CassetteFormatError`
 * with the file and line at load, a cassette error, or a model error that is not a raw
 * TypeError or SyntaxError from a header `fetch` refuses or JSON that no longer parses.
 */

const ROUNDS = 200;
let base = '';
let baseUrl = '';
let work = '';

function randomGenerator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const ask = (text: string) => ({ messages: [{ role: 'user' as const, content: [{ text }] }] });
const tools = [
  {
    name: 'get_weather',
    description: 'Weather',
    inputSchema: { json: { type: 'object', properties: { location: { type: 'string' } } } },
  },
];

/** The calls the cassette answers: text, a tool call, a rate limit, JSON stored as text, and a raw SDK stream. */
async function replayAll(): Promise<unknown[]> {
  const model = new OpenAIModel({ modelId: 'gpt-4o-mini', apiKey: 'sk-fuzz-0123456789', baseUrl, maxRetries: 0 });
  const client = new OpenAI({ apiKey: 'sk-fuzz-0123456789', baseURL: baseUrl, maxRetries: 0 });
  const outcomes: unknown[] = [];
  const run = async (call: () => Promise<unknown>): Promise<void> => {
    outcomes.push(
      await call().then(
        () => 'ok',
        (error: unknown) => error,
      ),
    );
  };
  await run(() => model.getText(ask('text')));
  await run(() => model.getText({ ...ask('tool'), toolSpecs: tools }));
  await run(() => model.getText(ask('rate limit')));
  await run(() => model.getText(ask('python json')));
  await run(async () => {
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'stream' }],
      stream: true,
    });
    for await (const _chunk of stream) {
      // read to the end
    }
  });
  return outcomes;
}

/** A raw error in the chain: what a damaged file must never surface as. */
function rawCause(error: unknown): Error | undefined {
  for (let at: unknown = error; at instanceof Error; at = at.cause) {
    if (at.constructor === TypeError || at.constructor === SyntaxError) {
      return at;
    }
  }
  return undefined;
}

// Every header value and body string of a cassette, as setters on the parsed data.
function leaves(file: CassetteFile): { value: string; set: (value: string) => void }[] {
  const found: { value: string; set: (value: string) => void }[] = [];
  const walk = (holder: Record<string, unknown> | unknown[], key: string | number): void => {
    const value = (holder as Record<string | number, unknown>)[key];
    if (typeof value === 'string') {
      found.push({ value, set: (next) => ((holder as Record<string | number, unknown>)[key] = next) });
    } else if (Array.isArray(value)) {
      value.forEach((_, i) => walk(value, i));
    } else if (typeof value === 'object' && value !== null) {
      for (const name of Object.keys(value)) {
        walk(value as Record<string, unknown>, name);
      }
    }
  };
  for (const interaction of file.interactions) {
    for (const half of [interaction.request, interaction.response]) {
      walk(half as unknown as Record<string, unknown>, 'headers');
      walk(half as unknown as Record<string, unknown>, 'body');
    }
  }
  return found;
}

const CHARACTERS = ['\0', '\n', '\r', '\u2019', '\u0100', '"', '{', '}', '\\', ':', '#', ' ', 'x', '0', '\u00e9'];
const BYTES = [0x00, 0x0a, 0x0d, 0x22, 0x23, 0x3a, 0x7b, 0x5b, 0x5c, 0x27, 0xe2, 0xff, 0x80, 0x41, 0x20];

/** The cassette with one header value or body string damaged, as text or as bytes. */
function damage(random: () => number): Buffer {
  const file = parseCassette(base, 'base.yaml');
  const all = leaves(file).filter((leaf) => leaf.value.length > 0);
  const leaf = all[Math.floor(random() * all.length)] as (typeof all)[number];
  const at = Math.floor(random() * leaf.value.length);
  if (random() < 0.5) {
    const char = CHARACTERS[Math.floor(random() * CHARACTERS.length)] as string;
    leaf.set(leaf.value.slice(0, at) + char + leaf.value.slice(at + 1));
    return Buffer.from(serializeCassette(file));
  }
  // A byte of the file, inside the value where it is written.
  const bytes = Buffer.from(base);
  const start = bytes.indexOf(Buffer.from(leaf.value));
  if (start === -1) {
    return bytes;
  }
  bytes[start + Math.floor(random() * Buffer.byteLength(leaf.value))] = BYTES[
    Math.floor(random() * BYTES.length)
  ] as number;
  return bytes;
}

describe('a damaged cassette', () => {
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'spark-damaged-'));
    // JSON as a Python server writes it (": "), so stored as text under a JSON content-type.
    const spaced = JSON.stringify(JSON.parse(corpusBodyBytes(loadCorpus('01')).toString()) as JsonValue).replace(
      /":/g,
      '": ',
    );
    const server = await startOpenAIServer(
      '01',
      '02',
      '15',
      (_request, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(spaced);
      },
      '06',
    );
    baseUrl = server.baseUrl;
    try {
      const cassette = await startCassette('base', { dir: work, mode: 'record' });
      await replayAll();
      await cassette.stop();
    } finally {
      // Replays find nothing there: what a cassette does not answer fails to connect.
      await server.close();
    }
    base = await readFile(join(work, 'base.yaml'), 'utf8');
  });

  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  test('starts from a cassette that replays every call, one stored as text under a JSON content-type', async () => {
    expect(base).toContain('text: \'{"id": ');
    const cassette = await startCassette('base', { dir: work, mode: 'replay' });
    const outcomes = await replayAll();
    await cassette.stop();
    expect(outcomes.map((o) => (o === 'ok' ? 'ok' : (o as Error).name))).toEqual([
      'ok',
      'ok',
      'ModelRateLimitError',
      'ok',
      'ok',
    ]);
  });

  test(`fails typed, never as a raw TypeError or SyntaxError, for ${ROUNDS} random damages to header values and body strings`, async () => {
    const random = randomGenerator(7);
    const seen = { loadErrors: 0, callErrors: 0, fine: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const bytes = damage(random);
      const path = join(work, `damaged-${round}.yaml`);
      await writeFile(path, bytes);
      const started = await startCassette(`damaged-${round}`, { dir: work, mode: 'replay' }).catch(
        (error: unknown) => error,
      );
      if (started instanceof Error) {
        seen.loadErrors++;
        expect(started.name, `${started.message}\n${bytes.toString()}`).toBe('CassetteFormatError');
        expect(started.message).toContain(path);
        expect((started as { line?: number }).line, started.message).toBeGreaterThan(0);
        continue;
      }
      const outcomes = await replayAll();
      await (started as Cassette).stop().catch(() => undefined);
      for (const outcome of outcomes.filter((o) => o !== 'ok')) {
        seen.callErrors++;
        const raw = rawCause(outcome);
        expect(raw, `${String(raw?.stack)}\n${bytes.toString()}`).toBeUndefined();
        expect(
          isCassetteError(outcome) || isModelError(outcome) || outcome instanceof OpenAI.APIError,
          String(outcome),
        ).toBe(true);
      }
      if (outcomes.every((o) => o === 'ok' || (o as Error).name === 'ModelRateLimitError')) {
        seen.fine++;
      }
      await rm(path, { force: true });
    }
    // The damage was real: many loads failed and many calls still worked.
    expect(seen.loadErrors).toBeGreaterThan(ROUNDS / 10);
    expect(seen.fine).toBeGreaterThan(ROUNDS / 10);
  });
});
