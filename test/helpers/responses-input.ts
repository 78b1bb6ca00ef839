/**
 * Responses API input items in one form, to compare requests in substance: a message's string
 * content as one text part (`input_text` for users, `output_text` for the assistant), without
 * the optional `type: "message"` and `status`. OpenAI accepts either form of each.
 */
export function normalizeInput(input: unknown): unknown[] {
  const items = typeof input === 'string' ? [{ role: 'user', content: input }] : (input as Record<string, unknown>[]);
  return items.map((item) => {
    if (typeof item['role'] !== 'string') {
      return item;
    }
    const { type: _type, status: _status, content, ...rest } = item;
    const partType = item['role'] === 'assistant' ? 'output_text' : 'input_text';
    return {
      ...rest,
      content: typeof content === 'string' ? [{ type: partType, text: content }] : content,
    };
  });
}

/** A message as a system prompt `instructions` stands for, in the normalized form. */
export function systemItem(text: string): Record<string, unknown> {
  return { role: 'system', content: [{ type: 'input_text', text }] };
}

/** A Responses API request body in substance: its input normalized, `stream: false` left out. */
export function requestSubstance(body: Record<string, unknown>): Record<string, unknown> {
  const { stream, input, ...rest } = body;
  return { ...rest, input: normalizeInput(input), ...(stream === true ? { stream } : {}) };
}
