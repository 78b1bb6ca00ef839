import type { ChatCompletionContentPart, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { ModelConfigurationError } from './errors.js';
import type { ContentBlock, DocumentBlock, ImageBlock, Message, ToolResultBlock } from './types.js';

/** Document formats sent as text rather than as a file part. */
const TEXT_DOCUMENTS: ReadonlySet<string> = new Set(['txt', 'md', 'csv', 'html', 'json', 'xml']);

const MIME: Record<string, string> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  jpg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  pdf: 'application/pdf',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * Maps spark messages to chat completions messages: tool results become `tool` messages (placed
 * before the rest of the user turn, as the API requires), tool uses become `tool_calls`.
 */
export function mapMessages(messages: Message[], systemPrompt: string | undefined): ChatCompletionMessageParam[] {
  if (!Array.isArray(messages) || messages.length === 0) {
    throw invalid('messages', 'must be a non-empty list such as [{ role: "user", content: [{ text: "Hello" }] }]');
  }
  const mapped: ChatCompletionMessageParam[] = systemPrompt ? [{ role: 'system', content: systemPrompt }] : [];
  messages.forEach((message, index) => {
    if (!message || !Array.isArray(message.content)) {
      throw invalid(`messages[${index}]`, 'must be { role, content: ContentBlock[] }');
    }
    if (message.role === 'assistant') {
      mapped.push(mapAssistant(message.content, index));
    } else if (message.role === 'user') {
      mapped.push(...mapUser(message.content, index));
    } else {
      throw invalid(
        `messages[${index}].role`,
        `must be "user" or "assistant", got "${String(message.role)}" (use \`systemPrompt\` for system text)`,
      );
    }
  });
  return mapped;
}

function mapAssistant(blocks: ContentBlock[], index: number): ChatCompletionMessageParam {
  const text: string[] = [];
  const toolCalls: { id: string; type: 'function'; function: { name: string; arguments: string } }[] = [];
  blocks.forEach((block, b) => {
    if ('text' in block) {
      text.push(block.text);
    } else if ('toolUse' in block) {
      const { toolUseId, name, input } = block.toolUse;
      toolCalls.push({ id: toolUseId, type: 'function', function: { name, arguments: JSON.stringify(input ?? {}) } });
    } else {
      throw invalid(`messages[${index}].content[${b}]`, 'an assistant turn may hold only `text` and `toolUse` blocks');
    }
  });
  return {
    role: 'assistant',
    content: text.length > 0 ? text.join('') : null,
    ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
  };
}

function mapUser(blocks: ContentBlock[], index: number): ChatCompletionMessageParam[] {
  const toolMessages: ChatCompletionMessageParam[] = [];
  const parts: ChatCompletionContentPart[] = [];
  blocks.forEach((block, b) => {
    if ('toolResult' in block) {
      toolMessages.push(mapToolResult(block));
    } else if ('text' in block) {
      parts.push({ type: 'text', text: block.text });
    } else if ('image' in block) {
      parts.push(mapImage(block));
    } else if ('document' in block) {
      parts.push(mapDocument(block));
    } else {
      throw invalid(
        `messages[${index}].content[${b}]`,
        'a user turn holds `text`, `image`, `document` or `toolResult` blocks',
      );
    }
  });
  if (parts.length === 0) {
    return toolMessages;
  }
  // A lone text part goes as a plain string: every OpenAI-compatible server accepts that form.
  const only = parts[0];
  const content = parts.length === 1 && only?.type === 'text' ? only.text : parts;
  return [...toolMessages, { role: 'user', content }];
}

function mapToolResult({ toolResult }: ToolResultBlock): ChatCompletionMessageParam {
  const text = toolResult.content.map((item) => ('text' in item ? item.text : JSON.stringify(item.json))).join('\n');
  // Chat completions has no error flag on tool messages: say it in the content.
  const content = toolResult.status === 'error' && !/^error\b/i.test(text) ? `Error: ${text}` : text;
  return { role: 'tool', tool_call_id: toolResult.toolUseId, content };
}

function mapImage({ image }: ImageBlock): ChatCompletionContentPart {
  const mime = MIME[image.format] ?? `image/${image.format}`;
  return { type: 'image_url', image_url: { url: `data:${mime};base64,${toBase64(image.source.bytes)}` } };
}

function mapDocument({ document }: DocumentBlock): ChatCompletionContentPart {
  if (TEXT_DOCUMENTS.has(document.format)) {
    const text = Buffer.from(toBase64(document.source.bytes), 'base64').toString('utf8');
    return {
      type: 'text',
      text: `<document name="${document.name}" format="${document.format}">\n${text}\n</document>`,
    };
  }
  const mime = MIME[document.format] ?? 'application/octet-stream';
  return {
    type: 'file',
    file: { filename: document.name, file_data: `data:${mime};base64,${toBase64(document.source.bytes)}` },
  };
}

function toBase64(bytes: Uint8Array | string): string {
  return typeof bytes === 'string' ? bytes : Buffer.from(bytes).toString('base64');
}

function invalid(path: string, why: string): ModelConfigurationError {
  return new ModelConfigurationError(`Invalid \`${path}\`: ${why}.`, { option: 'messages' });
}
