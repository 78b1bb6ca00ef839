import { toJSONSchema as zodToJSONSchema } from 'zod/v4/core';
import { excerpt, lastToolResults, lastUserText, preview } from '../internal/message-text.js';
import { contentBlocks, withBlocks } from '../model/message-content.js';
import { sleep } from '../internal/sleep.js';
import { assertApiSupports } from '../model/api-support.js';
import { planJsonOutput, type JsonOutputPlan } from '../model/json/json-output-plan.js';
import { checkedApi, type OpenAIAPI } from '../model/openai-api.js';
import { toJsonResponse } from '../model/json/json-response.js';
import type {
  GetJsonRequest,
  GetTextRequest,
  JsonResponse,
  JsonSchemaInput,
  JsonValueOf,
  ContentBlock,
  Message,
  ModelResponse,
  ModelStreamEvent,
  StreamingModel,
} from '../model/types.js';
import { checkStep, type AnsweringStep } from './check-step.js';
import type { ScriptedCall } from './scripted-call.js';
import { ScriptedModelError } from './scripted-model-error.js';
import { abortedCallError } from './step-errors.js';
import { buildScriptedResponse } from './scripted-response.js';
import { isScriptStep, type ScriptStep } from './script-steps.js';
import { loadCassetteScript, type FromCassetteOptions } from './script-from-cassette.js';
import { streamEventsOf } from './stream-events.js';

function copyMessages(messages: GetTextRequest['messages']): Message<ContentBlock[]>[] {
  try {
    return structuredClone(messages.map(withBlocks));
  } catch {
    // Something uncloneable (a function in a tool result): keep each message's own array at least.
    return messages.map((message) => ({ ...message, content: [...contentBlocks(message.content)] }));
  }
}

/** Options of `ScriptedModel`. */
export interface ScriptedModelOptions {
  /** Picks the tokenizer for usage and fills `raw.model`. @default "gpt-4o" */
  modelId?: string;
  /** Names the model in error messages, when a test has several. */
  name?: string;
  /**
   * The API of the `OpenAIModel` it stands in for: options that API has no equivalent for fail
   * as they do there (`n` > 1 on "responses", `previousResponseId` on "chat"), and `raw` has its
   * shape. @default "chat"
   */
  api?: OpenAIAPI;
}

/**
 * A deterministic `Model` that plays a script: each call to `getText`, `getJson` or `stream`
 * consumes the next step (a reply, tool uses, an error, or a step computed from the call); a
 * streamed call gets the step's reply as `OpenAIModel.stream` events. Every call is
 * recorded in `calls`, and each step is checked against the call it answers (tools offered,
 * inputs valid, `toolChoice` obeyed), so a script cannot drift from the code under test.
 * Responses have OpenAIModel's shapes; usage is counted with the real tokenizer.
 *
 * @example
 * const model = new ScriptedModel([
 *   reply.toolUse('get_weather', { location: 'Paris' }),
 *   reply.text('It is sunny in Paris.'),
 * ]);
 * const agent = new Agent({ model, tools: [getWeather] });
 * await agent.process('Weather in Paris?');
 * model.assertDone();
 * @see reply for the step builders
 * @see ScriptedModel.fromCassette for a script made from a recorded session
 */
export class ScriptedModel implements StreamingModel {
  /** Every call received, in order, with the step it consumed and its outcome. */
  readonly calls: ScriptedCall[] = [];
  /**
   * The steps, in order. Edit it freely before the calls that reach a step (replace a reply by
   * `reply.error.rateLimit()`, splice steps in); each step is checked when it is played.
   */
  readonly script: ScriptStep[] = [];
  readonly modelId: string;
  /** The API of the model it stands in for (see `ScriptedModelOptions.api`). */
  readonly api: OpenAIAPI;
  readonly #label: string;
  #cursor = 0;
  #toolUseCount = 0;

  constructor(script: readonly ScriptStep[] = [], options: ScriptedModelOptions = {}) {
    this.modelId = options.modelId ?? 'gpt-4o';
    this.api = checkedApi(options.api, 'ScriptedModel');
    this.#label = options.name === undefined ? 'ScriptedModel' : `ScriptedModel "${options.name}"`;
    this.add(...script);
  }

  /**
   * A script made from a recorded cassette, to edit before use: one step per chat completions
   * call, in recorded order. `file` is a cassette name (`agent/weather`, under `dir`) or a path
   * to a `.yaml` file, read with the cassette layer's own parser.
   * - tool calls → `reply.toolUse`/`reply.toolUses`, with the recorded ids and any text;
   * - other replies → `reply.text` with the recorded stop reason. JSON replies stay text, on
   *   purpose: the exact recorded JSON, which `getJson` still checks against its schema;
   * - a streamed (SSE) reply → the reply it adds up to; it serves `stream()` and `getText`;
   * - 429 → `reply.error.rateLimit({ retryAfterMs })` (the recorded wait); 400
   *   `context_length_exceeded` → `reply.error.contextWindow()`; any other status →
   *   `reply.error.api({ status, code })`, classified by `OpenAIModel`'s own error mapping;
   * - a refusal to a JSON request, or a malformed reply → `reply.error.invalidResponse()`.
   * The SDK's own retries fold into the call they retried; each step's description names the
   * recording it came from (`[recorded 1a2b3c4d5e6f-1]`). Usage is counted afresh, as for any step.
   * @example
   * const model = await ScriptedModel.fromCassette('agent/weather');
   * model.script[1] = reply.error.rateLimit({ retryAfterMs: 10 }); // the second call now gets a 429
   * await expect(new Agent({ model, tools: [getWeather] }).process('Weather in Paris?')).rejects.toThrow(ModelRateLimitError);
   */
  static async fromCassette(file: string, options: FromCassetteOptions = {}): Promise<ScriptedModel> {
    const loaded = await loadCassetteScript(file, options);
    const modelId = options.modelId ?? loaded.modelId;
    return new ScriptedModel(loaded.steps, {
      ...(modelId === undefined ? {} : { modelId }),
      name: options.name ?? loaded.name,
      api: loaded.api,
    });
  }

  /** Appends steps to the script. */
  add(...steps: ScriptStep[]): this {
    steps.forEach((step, offset) => {
      if (!isScriptStep(step)) {
        throw this.#invalidStep(this.script.length + offset, step);
      }
    });
    this.script.push(...steps);
    return this;
  }

  /** How many steps have not been consumed yet. */
  get remainingSteps(): number {
    return this.script.length - this.#cursor;
  }

  /** Plays the next step as a text reply (or tool uses). */
  getText(request: GetTextRequest): Promise<ModelResponse> {
    return this.#play('getText', request);
  }

  /**
   * Plays the next step as a JSON reply, read as `OpenAIModel.getJson` reads one: the JSON must
   * match `jsonSchema`, `parsed` is the validated value, and in strict mode (the default) a
   * `reply.json(...)` answers with strict mode's nulls for optional properties it leaves out.
   * A schema strict mode cannot express fails as it does in production, before any step is used.
   */
  async getJson<T = never, Schema extends JsonSchemaInput | undefined = JsonSchemaInput | undefined>(
    request: GetJsonRequest<Schema>,
  ): Promise<JsonResponse<JsonValueOf<T, Schema>>> {
    const call = this.#record('getJson', request, false);
    try {
      const plan = planJsonOutput(request, zodToJSONSchema);
      const response = await this.#answer(call, request.signal, plan);
      call.response = toJsonResponse(response, plan, { maxTokens: request.maxTokens });
      return call.response as JsonResponse<JsonValueOf<T, Schema>>;
    } catch (error) {
      call.error = error;
      throw error;
    }
  }

  /**
   * Plays the next step as a stream: the events `OpenAIModel.stream` yields (text deltas,
   * tool-use deltas, each `toolUse`, then the `response`). The call is recorded, checked and
   * failed exactly as `getText` would be, with `stream: true`; an error step throws from the
   * iterator before the first event, as a failed request does.
   * @example
   * for await (const event of model.stream({ messages })) {
   *   if (event.type === 'text') process.stdout.write(event.text);
   * }
   */
  async *stream(request: GetTextRequest): AsyncGenerator<ModelStreamEvent, void, undefined> {
    yield* streamEventsOf(await this.#play('getText', request, true));
  }

  /** Throws when steps remain unconsumed: the code under test made fewer calls than scripted. */
  assertDone(): void {
    if (this.remainingSteps === 0) {
      return;
    }
    const unused = this.script.slice(this.#cursor).map((step, i) => `[${this.#cursor + i}] ${step.description}`);
    throw new ScriptedModelError(
      `${this.#label} has ${unused.length} unused step${unused.length === 1 ? '' : 's'} after ${this.calls.length} call${this.calls.length === 1 ? '' : 's'}: ${unused.join('; ')}. Remove them from the script, or find why the code made fewer calls than scripted.`,
      { reason: 'steps-remaining', stepIndex: this.#cursor },
    );
  }

  async #play(method: ScriptedCall['method'], request: GetJsonRequest, stream = false): Promise<ModelResponse> {
    const call = this.#record(method, request, stream);
    try {
      call.response = await this.#answer(call, request.signal);
      return call.response;
    } catch (error) {
      call.error = error;
      throw error;
    }
  }

  #record(method: ScriptedCall['method'], request: GetJsonRequest, stream: boolean): ScriptedCall {
    // As OpenAIModel does before any request: what the API cannot honour fails the call.
    assertApiSupports(this.api, request as unknown as Record<string, unknown>, 'call');
    const { messages, systemPrompt, toolSpecs, toolChoice, jsonSchema, signal: _signal, ...options } = request;
    // A copy: the caller (an agent) keeps appending to its own array after the call.
    const copied = copyMessages(messages);
    const call: ScriptedCall = {
      index: this.calls.length,
      method,
      stream,
      messages: copied,
      systemPrompt,
      toolSpecs: toolSpecs ?? [],
      toolChoice,
      jsonSchema,
      options,
      lastUserText: lastUserText(copied),
      toolResults: lastToolResults(copied),
      step: undefined,
      response: undefined,
      error: undefined,
    };
    this.calls.push(call);
    return call;
  }

  async #answer(call: ScriptedCall, signal: AbortSignal | undefined, json?: JsonOutputPlan): Promise<ModelResponse> {
    if (signal?.aborted) {
      throw abortedCallError(this.modelId, signal.reason);
    }
    const index = this.#cursor;
    if (index >= this.script.length) {
      throw this.#exhausted(call);
    }
    const scripted = this.script[index];
    this.#cursor += 1;
    if (!isScriptStep(scripted)) {
      // The script is a public array: an edit may have put anything in it.
      throw this.#invalidStep(index, scripted, call.index);
    }
    call.step = { index, description: scripted.description };
    const step = scripted.kind === 'compute' ? await this.#compute(scripted.compute, call, index) : scripted;
    const description = scripted === step ? step.description : `${scripted.description} → ${step.description}`;
    call.step = { index, description };
    if (step.kind !== 'error') {
      checkStep({ step, index, description } satisfies AnsweringStep, call, json?.strictSource);
    }
    try {
      await sleep(step.delayMs ?? 0, signal);
    } catch (reason) {
      throw abortedCallError(this.modelId, reason);
    }
    if (step.kind === 'error') {
      throw step.create(call, this.modelId);
    }
    return buildScriptedResponse(step, call, {
      modelId: this.modelId,
      api: this.api,
      nextToolUseId: () => `call_scripted_${++this.#toolUseCount}`,
      strictSource: json?.strictSource,
    });
  }

  async #compute(
    compute: (call: ScriptedCall) => ScriptStep | Promise<ScriptStep>,
    call: ScriptedCall,
    index: number,
  ): Promise<Exclude<ScriptStep, { kind: 'compute' }>> {
    const step = await compute(call);
    if (!isScriptStep(step) || step.kind === 'compute') {
      const got = isScriptStep(step) ? step.description : preview(step);
      throw new ScriptedModelError(
        `Script step [${index}] reply.compute(…) returned ${got} for calls[${call.index}], not an answering step. Return a step such as reply.text("...") or reply.error.rateLimit().`,
        {
          reason: 'invalid-step',
          stepIndex: index,
          callIndex: call.index,
        },
      );
    }
    return step;
  }

  #invalidStep(index: number, step: unknown, callIndex?: number): ScriptedModelError {
    return new ScriptedModelError(
      `Invalid script step [${index}] of ${this.#label}: got ${preview(step)}, not a step. Build steps with \`reply\`, for example reply.text("Hello").`,
      {
        reason: 'invalid-step',
        stepIndex: index,
        callIndex,
      },
    );
  }

  #exhausted(call: ScriptedCall): ScriptedModelError {
    const consumed = this.calls
      .filter((earlier) => earlier.step !== undefined)
      .map((earlier) => `[${earlier.step?.index}] ${earlier.step?.description} by calls[${earlier.index}]`);
    const said = call.lastUserText === undefined ? '' : `, last user text ${excerpt(call.lastUserText)}`;
    const history =
      consumed.length === 0
        ? 'the script is empty'
        : `all ${this.script.length} steps were consumed: ${consumed.join('; ')}`;
    return new ScriptedModelError(
      `${this.#label} ran out of script at calls[${call.index}] (${call.method}${said}): ${history}. Add a step for this call, or find why the code made more calls than scripted.`,
      { reason: 'script-exhausted', callIndex: call.index },
    );
  }
}
