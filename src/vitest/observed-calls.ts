/**
 * What the matchers read from the value under test: the tool calls it made, and how many model
 * calls. Duck-typed on purpose, so that values from another copy of the package still match.
 */
import { cassetteCalls, isCassetteLike } from './cassette-calls.js';

/** One tool call as the matchers compare it. */
export interface ObservedToolCall {
  name: string;
  input: Record<string, unknown>;
}

/** The tool calls and model-call count of a value under test. */
export interface ObservedCalls {
  /** What the value is, for messages: "ScriptedModel", "Agent", ... */
  kind: string;
  toolCalls: ObservedToolCall[];
  modelCalls: number;
}

type Loose = Record<string, unknown> | null | undefined;

const pick = (calls: { name: string; input: Record<string, unknown> }[]): ObservedToolCall[] =>
  calls.map(({ name, input }) => ({ name, input }));

/**
 * Reads the calls of a ScriptedModel, Agent, AgentResult, EchoModel or Cassette (running or
 * stopped); undefined for anything else.
 */
export function observeCalls(received: unknown): ObservedCalls | undefined {
  const value = received as Loose;
  if (typeof value !== 'object' || value === null) {
    return undefined;
  }
  if (Array.isArray(value['trace']) && typeof value['modelCalls'] === 'number') {
    return { kind: 'Agent', toolCalls: pick(value['trace']), modelCalls: value['modelCalls'] };
  }
  if (Array.isArray(value['calls']) && typeof value['assertDone'] === 'function') {
    const calls = value['calls'] as { response?: { toolUses: ObservedToolCall[] } }[];
    return {
      kind: 'ScriptedModel',
      toolCalls: pick(calls.flatMap((call) => call.response?.toolUses ?? [])),
      modelCalls: calls.length,
    };
  }
  if (Array.isArray(value['toolCalls']) && typeof value['steps'] === 'number' && 'outcome' in value) {
    return { kind: 'AgentResult', toolCalls: pick(value['toolCalls']), modelCalls: value['steps'] };
  }
  if (isCassetteLike(value)) {
    return { kind: 'Cassette', ...cassetteCalls(value) };
  }
  if (typeof value['callCount'] === 'number' && typeof value['getText'] === 'function') {
    return { kind: 'EchoModel', toolCalls: [], modelCalls: value['callCount'] };
  }
  return undefined;
}

/** Like `observeCalls`, but throws a usage error for an unsupported value (never a pass or a fail). */
export function requireCalls(received: unknown, matcher: string, print: (value: unknown) => string): ObservedCalls {
  const observed = observeCalls(received);
  if (!observed) {
    throw new TypeError(
      `${matcher} needs a ScriptedModel, an Agent, an AgentResult, an EchoModel or a Cassette; received ${print(received)}. Pass the model or agent itself, for example expect(agent).${matcher.replace(/^\./, '')}(...).`,
    );
  }
  return observed;
}
