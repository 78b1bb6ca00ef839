import { ModelResponseError } from '../errors.js';
import type { JsonChoice, JsonResponse, ModelChoice, ModelResponse } from '../types.js';
import type { JsonOutputPlan } from './json-output-plan.js';
import { parseAndValidate } from './json-output.js';

/** What a JSON reply is read with, besides the plan: the limits that may have cut it short. */
export interface JsonReplyContext {
  /** The `maxTokens` the call ran with (per call, else configured). */
  maxTokens: number | undefined;
  /** The refusal text of each choice, when the model refused (OpenAI's `message.refusal`). */
  refusals?: readonly (string | undefined)[];
}

/**
 * Turns a model response into `getJson`'s: every choice parsed and validated into `parsed`. A
 * refusal raises `ModelResponseError` with `refusal` set; a reply cut off by `maxTokens` or a stop
 * sequence says so, since that is what to fix rather than the model.
 */
export function toJsonResponse<T>(
  response: ModelResponse,
  plan: JsonOutputPlan,
  context: JsonReplyContext,
): JsonResponse<T> {
  const parsed = response.choices.map((choice, index) => parseChoice(choice, index, plan, context));
  response.choices.forEach((choice, index) => {
    (choice as JsonChoice).parsed = parsed[index];
  });
  return Object.assign(response, { parsed: parsed[0] }) as JsonResponse<T>;
}

function parseChoice(choice: ModelChoice, index: number, plan: JsonOutputPlan, context: JsonReplyContext): unknown {
  const which = index === 0 ? 'The model' : `The model, in choice ${index},`;
  const whose = index === 0 ? "The model's" : `Choice ${index}'s`;
  const refusal = context.refusals?.[index];
  if (refusal) {
    throw new ModelResponseError(`${which} refused to answer in JSON: "${refusal}". Rephrase the request.`, {
      refusal,
    });
  }
  if (choice.stopReason === 'content_filtered') {
    throw new ModelResponseError(
      `${whose} reply to a JSON request was stopped by the provider's content filter. Rephrase the request.`,
    );
  }
  try {
    return parseAndValidate(choice.text, plan.schema, plan.strictSource);
  } catch (error) {
    if (choice.stopReason === 'max_tokens') {
      const limit =
        context.maxTokens === undefined ? "the model's output limit" : `\`maxTokens\` (${context.maxTokens})`;
      throw new ModelResponseError(
        `${whose} JSON reply was cut off by ${limit}. Raise \`maxTokens\` (per call or in the model options).`,
        { cause: error },
      );
    }
    if (choice.stopReason === 'stop_sequence') {
      throw new ModelResponseError(
        `${whose} JSON reply was cut off by one of \`stopSequences\`. Leave \`stopSequences\` out of JSON calls, or pick strings the JSON cannot contain.`,
        { cause: error },
      );
    }
    throw error;
  }
}
