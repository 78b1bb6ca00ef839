import type { Response, ResponseOutputItem } from 'openai/resources/responses/responses';
import { ModelResponseError } from '../errors.js';
import { mapLogprobEntries } from '../logprob-entries.js';
import { errorForStatus } from '../map-error.js';
import { createModelResponse } from '../model-response.js';
import { parseToolArguments } from '../tool-arguments.js';
import type { ContentBlock, ModelResponse, StopReason, TokenLogprob } from '../types.js';
import type { ReplyContext } from '../wire.js';
import { mapUsage } from './map-usage.js';
import { stateFor } from './reasoning-carry.js';

type Json = Record<string, unknown>;

/** What the output items of one response add up to. */
interface Output {
  blocks: ContentBlock[];
  refusal: string | undefined;
  summaries: string[];
  logprobs: TokenLogprob[];
}

/**
 * Maps a Responses API response to a `ModelResponse`. Output items are read in order: messages
 * give text (a refusal gives its text and stops as "content_filtered"), `function_call` items
 * tool uses (`toolUseId` is the `call_id` the output must answer), reasoning items the summary on
 * `reasoning`. A block that followed reasoning carries it in `providerState`, for the next turn.
 * A failed response raises the error it reports.
 */
export function mapResponsesResponse(response: Response, context: ReplyContext): ModelResponse {
  checkStatus(response, context);
  const incomplete = response.status === 'incomplete';
  const output = readOutput(response.output ?? [], incomplete, context);
  const toolUses = output.blocks.some((block) => 'toolUse' in block);
  const text = output.blocks.flatMap((block) => ('text' in block ? [block.text] : [])).join('');
  const reasoning = output.summaries.join('\n\n');
  return createModelResponse({
    id: response.id,
    // As on chat completions: a string for a text-only reply (its carried state is not needed again).
    content: toolUses ? output.blocks : text,
    stopReason: stopReasonOf(response, output, toolUses),
    ...(reasoning === '' ? {} : { reasoning }),
    ...(context.logprobs ? { logprobs: output.logprobs } : {}),
    usage: mapUsage(response.usage),
    raw: response,
  });
}

/** The refusal of a response (a `refusal` part of its message), for `getJson`. */
export function responsesRefusals(response: Response): (string | undefined)[] {
  const parts = (response.output ?? []).flatMap((item) =>
    item.type === 'message' ? (item.content as unknown as Json[]).filter((part) => part['type'] === 'refusal') : [],
  );
  const refusal = parts.map((part) => String(part['refusal'] ?? '')).join('');
  return [refusal || undefined];
}

function readOutput(items: ResponseOutputItem[], incomplete: boolean, context: ReplyContext): Output {
  const output: Output = { blocks: [], refusal: undefined, summaries: [], logprobs: [] };
  let reasoning: Json[] = [];
  for (const item of items as unknown as Json[]) {
    if (item['type'] === 'reasoning') {
      reasoning.push(item);
      output.summaries.push(...reasoningTexts(item));
      continue;
    }
    const state = stateFor(reasoning, item['id']);
    if (item['type'] === 'message') {
      const text = messageText(item, output);
      if (text !== '' || state) {
        output.blocks.push({ text, ...(state ? { providerState: state } : {}) });
      }
    } else if (item['type'] === 'function_call') {
      // A call cut off by the output limit has partial arguments: it is left out.
      if (incomplete && item['status'] !== 'completed') {
        continue;
      }
      const name = String(item['name']);
      const input = parseToolArguments(name, String(item['arguments'] ?? ''));
      const toolUse = {
        toolUseId: String(item['call_id']),
        name,
        input: context.readToolInput ? context.readToolInput(name, input) : input,
      };
      output.blocks.push({ toolUse, ...(state ? { providerState: state } : {}) });
    } else {
      // Built-in tool calls (web search, ...) are the provider's own business; reasoning before them stays pending.
      continue;
    }
    reasoning = [];
  }
  return output;
}

function messageText(item: Json, output: Output): string {
  let text = '';
  for (const part of (Array.isArray(item['content']) ? item['content'] : []) as Json[]) {
    if (part['type'] === 'output_text' && typeof part['text'] === 'string') {
      text += part['text'];
      output.logprobs.push(...(mapLogprobEntries(part['logprobs'] as never) ?? []));
    } else if (part['type'] === 'refusal' && typeof part['refusal'] === 'string') {
      output.refusal = (output.refusal ?? '') + part['refusal'];
      text += part['refusal'];
    }
  }
  return text;
}

// The summary parts of a reasoning item; its raw reasoning text when it has no summary (open models).
function reasoningTexts(item: Json): string[] {
  const texts = (list: unknown): string[] =>
    (Array.isArray(list) ? (list as Json[]) : [])
      .map((part) => part['text'])
      .filter((text): text is string => typeof text === 'string' && text !== '');
  const summary = texts(item['summary']);
  return summary.length > 0 ? summary : texts(item['content']);
}

function stopReasonOf(response: Response, output: Output, toolUses: boolean): StopReason {
  if (output.refusal) {
    return 'content_filtered';
  }
  if (response.status === 'incomplete') {
    return response.incomplete_details?.reason === 'content_filter' ? 'content_filtered' : 'max_tokens';
  }
  return toolUses ? 'tool_use' : 'end_turn';
}

// A failed response reports its error; a background one still running has no reply yet.
function checkStatus(response: Response, context: ReplyContext): void {
  if (response === null || typeof response !== 'object' || !Array.isArray(response.output)) {
    throw new ModelResponseError(
      'The provider returned a body that is not a Responses API response (no `output`). Check that `baseUrl` points at an OpenAI-compatible /responses endpoint, or use `api: "chat"`; the raw body is on `error.cause`.',
      { cause: response },
    );
  }
  if (response.status === 'failed') {
    const error = response.error ?? { code: undefined, message: 'The response failed.' };
    throw errorForStatus(
      {
        status: undefined,
        code: error.code ?? undefined,
        message: error.message,
        headers: undefined,
        requestId: undefined,
      },
      context.errors,
    );
  }
  if (response.status === 'queued' || response.status === 'in_progress') {
    throw new ModelResponseError(
      `The response ${response.id} is still ${response.status} (a background response). Leave \`background\` out of \`extraParams\`: OpenAIModel waits for the reply.`,
      { cause: response },
    );
  }
}
