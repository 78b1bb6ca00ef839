import type { ResponseInputContent } from 'openai/resources/responses/responses';
import { documentSource, imageSource, invalid } from '../content-sources.js';
import type { ContentBlock } from '../types.js';

/**
 * Maps one block of a user turn (not a tool result) to a Responses API input part: text,
 * `input_image` (a URL, or bytes as a data URL), `input_file` (a document; text formats go as
 * text). The Responses API takes no audio input, so an `audio` block is refused.
 */
export function mapUserPart(block: ContentBlock, path: string): ResponseInputContent {
  if ('text' in block) {
    return { type: 'input_text', text: block.text };
  }
  if ('image' in block) {
    const { url, detail } = imageSource(block, path);
    // `detail` is left out unless given, as the API defaults it ("auto").
    return { type: 'input_image', image_url: url, ...(detail === undefined ? {} : { detail }) } as ResponseInputContent;
  }
  if ('document' in block) {
    const source = documentSource(block, path);
    return 'text' in source
      ? { type: 'input_text', text: source.text }
      : { type: 'input_file', filename: source.filename, file_data: source.fileData };
  }
  if ('audio' in block) {
    throw invalid(
      `${path}.audio`,
      'the Responses API (`api: "responses"`) takes no audio input. Send audio to an audio model with `api: "chat"`',
    );
  }
  throw invalid(path, 'a user turn holds `text`, `image`, `audio`, `document` or `toolResult` blocks');
}
