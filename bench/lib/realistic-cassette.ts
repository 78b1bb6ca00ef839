// The realistic replay workload on disk: cassettes of 10, 300 and 3,000 distinct interactions
// whose requests are exactly what OpenAIModel sends for `workloadCall(i)` (captured from the
// model itself, not rebuilt by hand), and the same requests as JSON for the bench targets.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serializeCassette } from '../../src/cassette/format.js';
import { requestHash } from '../../src/cassette/hash.js';
import { canonicalBody, normalizeUrl } from '../../src/cassette/normalize.js';
import type { CassetteFile, HeaderMap, JsonValue, RecordedInteraction } from '../../src/cassette/types.js';
import { activeCassette } from '../../src/internal/active-cassette.js';
import { OpenAIModel } from '../../src/model/openai-model.js';
import type { GetTextRequest } from '../../src/model/types.js';
import { CHAT_URL } from './fixtures.js';
import { benchDir } from './large-file.js';
import {
  history,
  replyBody,
  replyHeaders,
  replyText,
  systemPrompt,
  WORKLOAD_MODEL,
  WORKLOAD_TOOLS,
} from './workload.js';

/** The cassette sizes the realistic targets replay. */
export const REALISTIC_SIZES = [10, 300, 3000] as const;

/** One request of the realistic workload: the model call, the body it sends, its reply. */
export interface RealisticRequest {
  seed: number;
  /** Which reply answers it: 0 and 1 a tool call, 2 text. */
  turn: number;
  /** The JSON body OpenAIModel sends, as the SDK writes it. */
  bodyText: string;
}

/** Request `i`: conversation `i + 1`, of 2 to 20 KB (spread evenly, in no particular order). */
export function workloadCall(i: number): GetTextRequest & { seed: number; turn: number } {
  const seed = i + 1;
  const bytes = 2000 + ((i * 7919) % 18_001);
  return {
    seed,
    turn: i % 3,
    systemPrompt: systemPrompt(seed),
    messages: history(seed, bytes),
    toolSpecs: [...WORKLOAD_TOOLS],
  };
}

/** The stored reply of `request` as a fresh `Response` each call, built from bytes and headers made once. */
export function storedReply(request: Pick<RealisticRequest, 'seed' | 'turn'>): () => Response {
  const headers = new Headers(replyHeaders());
  const bytes = new TextEncoder().encode(replyText(request.seed, request.turn));
  return () => new Response(bytes, { status: 200, headers });
}

const REQUEST_HEADERS: HeaderMap = {
  accept: 'application/json',
  authorization: 'REDACTED',
  'content-type': 'application/json',
  'user-agent': 'OpenAI/JS 7.57.0',
  'x-stainless-lang': 'js',
  'x-stainless-package-version': '7.57.0',
  'x-stainless-retry-count': '0',
  'x-stainless-runtime': 'node',
};

// The bodies OpenAIModel sends, caught by a stand-in for the active cassette.
async function captureBodies(count: number): Promise<RealisticRequest[]> {
  const captured: RealisticRequest[] = [];
  let current: { seed: number; turn: number } = { seed: 0, turn: 0 };
  const detach = activeCassette.activate({
    name: 'capture',
    state: 'active',
    servesWithoutKey: true,
    isCassetteError: () => false,
    enter: () => ({
      fetch: async (_input: string | URL | Request, init?: RequestInit): Promise<Response> => {
        captured.push({ ...current, bodyText: String(init?.body) });
        return storedReply(current)();
      },
      end: () => undefined,
    }),
  });
  try {
    const model = new OpenAIModel({ modelId: WORKLOAD_MODEL, maxRetries: 0 });
    for (let i = 0; i < count; i++) {
      const { seed, turn, ...call } = workloadCall(i);
      current = { seed, turn };
      await model.getText(call);
    }
  } finally {
    detach();
  }
  return captured;
}

function interactionOf(request: RealisticRequest, index: number): RecordedInteraction {
  const json = JSON.parse(request.bodyText) as JsonValue;
  const hash = requestHash('POST', normalizeUrl(CHAT_URL), canonicalBody(json, []));
  return {
    id: `${hash.slice(0, 12)}-1`,
    hash,
    request: { method: 'POST', url: CHAT_URL, headers: REQUEST_HEADERS, body: { json } },
    response: {
      status: 200,
      headers: replyHeaders(),
      body: { json: replyBody(request.seed, request.turn) as JsonValue, indent: 2 },
    },
    recordedAt: new Date(Date.UTC(2025, 0, 1, 0, 0, index)).toISOString(),
  };
}

/**
 * Writes `realistic-<size>.yaml` for each size (each the first `size` interactions of the
 * largest) and `realistic-requests.json` into the bench dir, once per run; returns their dir.
 */
export async function realisticCassetteFiles(): Promise<string> {
  const dir = benchDir();
  const largest = Math.max(...REALISTIC_SIZES);
  const listPath = join(dir, 'realistic-requests.json');
  if (existsSync(listPath) && REALISTIC_SIZES.every((size) => existsSync(join(dir, `realistic-${size}.yaml`)))) {
    return dir;
  }
  const requests = await captureBodies(largest);
  const interactions = requests.map(interactionOf);
  for (const size of REALISTIC_SIZES) {
    const file: CassetteFile = { version: 1, interactions: interactions.slice(0, size) };
    writeFileSync(join(dir, `realistic-${size}.yaml`), serializeCassette(file));
  }
  writeFileSync(listPath, JSON.stringify(requests));
  return dir;
}

/** The requests of the realistic workload, as `realisticCassetteFiles` wrote them. */
export function realisticRequests(): RealisticRequest[] {
  return JSON.parse(readFileSync(join(benchDir(), 'realistic-requests.json'), 'utf8')) as RealisticRequest[];
}
