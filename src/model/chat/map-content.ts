import type { ChatCompletionContentPart } from 'openai/resources/chat/completions';
import { audioSource, documentSource, imageSource } from '../content-sources.js';
import type { AudioBlock, DocumentBlock, ImageBlock } from '../types.js';

/** Maps an `image` block to an `image_url` part: a URL as it is, bytes as a data URL. */
export function mapImage(block: ImageBlock, path: string): ChatCompletionContentPart {
  return { type: 'image_url', image_url: imageSource(block, path) };
}

/** Maps an `audio` block to an `input_audio` part (base64 data and its format). */
export function mapAudio(block: AudioBlock, path: string): ChatCompletionContentPart {
  return { type: 'input_audio', input_audio: audioSource(block, path) };
}

/** Maps a `document` block: text formats inline as text, others as a `file` part. */
export function mapDocument(block: DocumentBlock, path: string): ChatCompletionContentPart {
  const source = documentSource(block, path);
  return 'text' in source
    ? { type: 'text', text: source.text }
    : { type: 'file', file: { filename: source.filename, file_data: source.fileData } };
}
