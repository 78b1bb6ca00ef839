import { resolve } from 'node:path';
import type { OpenAIAPI } from '../model/openai-api.js';
import type { ContentBlock } from '../model/types.js';
import { parseCassette } from '../cassette/format.js';
import { cassettePath } from '../cassette/start-cassette.js';
import { fileStore, type CassetteStore } from '../cassette/store.js';
import { recordedModelCalls, type RecordedModelCall } from './recorded-calls.js';
import { recordedOutcome, type RecordedOutcome } from './recorded-outcome.js';
import { reply } from './reply.js';
import { ScriptedModelError } from './scripted-model-error.js';
import type { ScriptStep, TextStep } from './script-steps.js';

/** Options of `ScriptedModel.fromCassette`. */
export interface FromCassetteOptions {
  /** Where cassette names are looked up (not used for a `.yaml` path). @default "fixtures/cassettes" */
  dir?: string;
  /** Where the cassette text is read from. @default the cassette layer's file store */
  store?: CassetteStore;
  /** The model's `modelId` (tokenizer, `raw.model`). @default the `model` of the first recorded request */
  modelId?: string;
  /** Names the model in error messages. @default the cassette file */
  name?: string;
}

/** A script read from a cassette, with what the model needs to play it. */
export interface CassetteScript {
  steps: ScriptStep[];
  modelId: string | undefined;
  /** The API of the recorded calls (that of the first one). */
  api: OpenAIAPI;
  name: string;
}

/**
 * Reads a cassette and makes one step per recorded model call (chat completions or the
 * Responses API), in order:
 * - a reply with tool calls (`function_call` items) → `reply.toolUse` or `reply.toolUses`
 *   (recorded ids, text and reasoning summary kept);
 * - any other reply → `reply.text` with its stop reason. JSON replies (`response_format`) stay
 *   text, on purpose: the exact recorded JSON, which `getJson` still parses and checks against
 *   its schema, where `reply.json` would re-serialise it;
 * - a streamed (SSE) reply → the reply it adds up to, which serves `stream()` and `getText` alike;
 * - an error status → `reply.error.rateLimit({ retryAfterMs })`, `.contextWindow()` or
 *   `.api({ status, code })`, as `OpenAIModel`'s own error mapping classifies it;
 * - a refusal to a JSON request, or a malformed reply → `reply.error.invalidResponse()`.
 * The SDK's own retries fold into the call they retry: the step is what the caller finally saw.
 * Each step's description names the interaction it came from.
 */
export async function loadCassetteScript(file: string, options: FromCassetteOptions = {}): Promise<CassetteScript> {
  const path = /\.ya?ml$/i.test(file) ? resolve(file) : cassettePath(file, options.dir);
  const text = await (options.store ?? fileStore).read(path);
  const fail = (why: string, fix: string): ScriptedModelError =>
    new ScriptedModelError(`Cannot make a script from cassette ${path}: ${why}. ${fix}`, {
      reason: 'invalid-cassette',
    });
  if (text === undefined) {
    throw fail(
      'the file does not exist',
      'Record it first (run the test with SPARK_CASSETTE_MODE=record), or fix the name or `dir`.',
    );
  }
  const calls = recordedModelCalls(parseCassette(text, path).interactions);
  if (calls.length === 0) {
    throw fail(
      'it holds no chat completions calls, nor Responses API calls',
      'Record a session that calls the model, or build the script with `reply`.',
    );
  }
  const model = calls[0]?.body['model'];
  return {
    steps: calls.map(stepOf),
    modelId: typeof model === 'string' ? model : undefined,
    api: calls[0]?.api ?? 'chat',
    name: file,
  };
}

function stepOf(call: RecordedModelCall): ScriptStep {
  const step = stepFor(recordedOutcome(call), call);
  const retries = call.attempts.length - 1;
  return {
    ...step,
    description: `${step.description} [recorded ${call.final.id}${retries > 0 ? `, after ${retries} SDK retr${retries === 1 ? 'y' : 'ies'}` : ''}]`,
  };
}

function stepFor(outcome: RecordedOutcome, call: RecordedModelCall): ScriptStep {
  if (outcome.kind === 'error') {
    const { error } = outcome;
    const message = outcome.providerMessage ?? error.message;
    switch (error.name) {
      case 'ModelRateLimitError': {
        const wait = (error as { retryAfterMs?: number | undefined }).retryAfterMs;
        return reply.error.rateLimit(wait === undefined ? { message } : { retryAfterMs: wait, message });
      }
      case 'ModelContextWindowError':
        return reply.error.contextWindow({ message });
      case 'ModelResponseError':
        return reply.error.invalidResponse({ message: error.message });
      default:
        return reply.error.api({
          status: error.status ?? 500,
          ...(error.code === undefined ? {} : { code: error.code }),
          message,
        });
    }
  }
  const { response } = outcome;
  const reasoning = response.reasoning === undefined ? {} : { reasoning: response.reasoning };
  if (response.toolUses.length > 0) {
    const text = { ...(response.text ? { text: response.text } : {}), ...reasoning };
    // Each call with the state its block carried (the Responses API's reasoning), so the
    // conversation a scripted agent builds is the one the recording built.
    const uses = (response.content as ContentBlock[]).flatMap((block) =>
      'toolUse' in block
        ? [{ ...block.toolUse, ...(block.providerState ? { providerState: block.providerState } : {}) }]
        : [],
    );
    const [only, ...more] = uses;
    if (only && more.length === 0) {
      return { ...reply.toolUse(only.name, only.input, { ...text, toolUseId: only.toolUseId }), toolUses: [only] };
    }
    return reply.toolUses(uses, text);
  }
  if (response.stopReason === 'content_filtered' && asksForJson(call.body)) {
    // What OpenAIModel.getJson raises for a refusal.
    return reply.error.invalidResponse({ refusal: response.text });
  }
  return reply.text(response.text, { stopReason: response.stopReason as TextStep['stopReason'], ...reasoning });
}

// A JSON request: chat's `response_format`, or the Responses API's `text.format` other than text.
function asksForJson(body: Record<string, unknown>): boolean {
  const text = body['text'] as { format?: { type?: unknown } } | undefined;
  return body['response_format'] !== undefined || (text?.format?.type ?? 'text') !== 'text';
}
