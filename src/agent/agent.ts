import { createUsage } from '../model/model-response.js';
import type { ContentBlock, Message, ModelResponse, ToolResultBlock } from '../model/types.js';
import type { ToolLike } from '../tools/types.js';
import { AgentBusyError } from './errors.js';
import { runToolUse, type ToolUseOutcome } from './run-tool-use.js';
import type { AgentConfig, AgentOutcome, AgentResult, ProcessOptions, ToolCallRecord } from './types.js';
import { validateAgentConfig } from './validate-config.js';

const USAGE_KEYS = ['inputTokens', 'outputTokens', 'totalTokens', 'reasoningTokens', 'cachedInputTokens'] as const;
const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/**
 * Runs the tool loop of the reference's "Integration with Agents": the model answers, the agent
 * runs the tools it asks for (concurrently with `parallelToolExecution`), sends the results
 * back as `toolResult` blocks, and repeats until the model answers without tools or `maxSteps`
 * model calls are used. A failing or unknown tool becomes an error result the model sees; model
 * errors (`ModelRateLimitError`, ...) propagate to the caller.
 *
 * @example
 * const agent = new Agent({ model, systemPrompt: 'You are a helpful research assistant.', tools: [calculate, searchWeb], maxSteps: 10, parallelToolExecution: true });
 * const result = await agent.process('Search for the population of Tokyo, then calculate 15% of it.');
 * console.log(result.text); // or `${result}`
 * if (result.outcome === 'max_steps') console.warn('gave up after', result.steps, 'model calls');
 */
export class Agent {
  readonly #config: AgentConfig;
  readonly #tools: ReadonlyMap<string, ToolLike>;
  readonly #messages: Message<ContentBlock[]>[] = [];
  readonly #trace: ToolCallRecord[] = [];
  #runs = 0;
  #modelCalls = 0;
  #running = false;

  constructor(config: AgentConfig) {
    validateAgentConfig(config);
    this.#config = config;
    this.#tools = new Map((config.tools ?? []).map((t) => [t.toolName, t]));
  }

  /** The conversation so far, every run included: user prompts, replies, tool results. */
  get messages(): readonly Message<ContentBlock[]>[] {
    return this.#messages;
  }

  /** Every tool call so far, in order, with input, output, status, run and step. */
  get trace(): readonly ToolCallRecord[] {
    return this.#trace;
  }

  /** How many model calls this agent has made, failed ones included. */
  get modelCalls(): number {
    return this.#modelCalls;
  }

  /** Forgets the conversation and the trace. */
  reset(): void {
    this.#messages.length = 0;
    this.#trace.length = 0;
  }

  /**
   * Sends `prompt` as the next user turn and runs the tool loop. Resolves to an `AgentResult`
   * (`text`, `outcome`, `steps`, ...) whose string form is the final text. Reaching `maxSteps`
   * is an outcome, not an error; a model error rejects, leaving the turns so far in `messages`.
   */
  async process(prompt: string | ContentBlock[], options: ProcessOptions = {}): Promise<AgentResult> {
    if (this.#running) {
      throw new AgentBusyError(
        'Agent is busy: `process()` was called before the previous `process()` finished. Await it first, or use one agent per conversation.',
      );
    }
    this.#running = true;
    try {
      return await this.#run(prompt, options);
    } finally {
      this.#running = false;
    }
  }

  async #run(prompt: string | ContentBlock[], options: ProcessOptions): Promise<AgentResult> {
    const run = ++this.#runs;
    const { model, systemPrompt, maxSteps = 10 } = this.#config;
    const toolSpecs = [...this.#tools.values()].map((t) => t.toolSpec);
    const toolCalls: ToolCallRecord[] = [];
    const usage = createUsage(0, 0);
    this.#messages.push({ role: 'user', content: typeof prompt === 'string' ? [{ text: prompt }] : prompt });
    let response: ModelResponse | undefined;
    let step = 0;
    while (step < maxSteps) {
      step += 1;
      this.#modelCalls += 1;
      response = await model.getText({
        messages: [...this.#messages],
        ...(systemPrompt === undefined ? {} : { systemPrompt }),
        ...(toolSpecs.length > 0 ? { toolSpecs } : {}),
        ...(step === 1 && options.toolChoice ? { toolChoice: options.toolChoice } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
      for (const key of USAGE_KEYS) {
        usage[key] += response.usage[key];
      }
      this.#messages.push({
        role: 'assistant',
        content: typeof response.content === 'string' ? [{ text: response.content }] : response.content,
      });
      if (response.toolUses.length === 0) {
        return this.#result('completed', response, step, toolCalls, usage);
      }
      // @note Tools asked for on the last allowed step still run, so the conversation never ends
      // on an unanswered tool call (OpenAI rejects one on the next request).
      const outcomes = await this.#runTools(response.toolUses, { run, step });
      toolCalls.push(...outcomes.map((o) => o.record));
      this.#trace.push(...outcomes.map((o) => o.record));
      this.#messages.push({ role: 'user', content: outcomes.map((o): ToolResultBlock => o.block) });
    }
    return this.#result('max_steps', response as ModelResponse, step, toolCalls, usage);
  }

  #runTools(uses: ModelResponse['toolUses'], position: { run: number; step: number }): Promise<ToolUseOutcome[]> {
    if (this.#config.parallelToolExecution) {
      return Promise.all(uses.map((use) => runToolUse(use, this.#tools, position)));
    }
    return uses.reduce<Promise<ToolUseOutcome[]>>(
      async (done, use) => [...(await done), await runToolUse(use, this.#tools, position)],
      Promise.resolve([]),
    );
  }

  #result(
    outcome: AgentOutcome,
    response: ModelResponse,
    steps: number,
    toolCalls: ToolCallRecord[],
    usage: AgentResult['usage'],
  ): AgentResult {
    const text = response.text;
    const result = {
      text,
      outcome,
      stopReason: response.stopReason,
      steps,
      toolCalls,
      usage,
      response,
      toString: () => text,
    };
    // `console.log(result)` and `util.inspect` print the text, as the reference's `print(result)` does.
    Object.defineProperty(result, INSPECT, { value: () => text, enumerable: false });
    return result;
  }
}
