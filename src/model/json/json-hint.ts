import { contentBlocks } from '../message-content.js';
import type { GetTextRequest } from '../types.js';

const HINT = 'Respond with a single JSON object.';

/**
 * The system prompt of a JSON-mode call. OpenAI's JSON mode (no schema) rejects a request whose
 * messages never mention JSON, so a short instruction is added to the system prompt when none does.
 */
export function jsonModeSystemPrompt(request: GetTextRequest): string | undefined {
  const texts = [
    request.systemPrompt ?? '',
    // Malformed messages are reported by the request mapping; here they only have no text.
    ...(Array.isArray(request.messages) ? request.messages : []).flatMap((m) =>
      Array.isArray(m?.content) || typeof m?.content === 'string'
        ? contentBlocks(m.content).map((b) => (b && 'text' in b ? b.text : ''))
        : [],
    ),
  ];
  if (texts.some((text) => /json/i.test(text))) {
    return request.systemPrompt;
  }
  return request.systemPrompt ? `${request.systemPrompt}\n\n${HINT}` : HINT;
}
