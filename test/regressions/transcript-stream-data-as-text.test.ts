import { expect, test } from 'vitest';
import { streamView } from '../../src/cli/transcript/stream-view.js';

// A stream event whose JSON does not print back byte for byte (`"top_p":1.0`, as in corpus 35's
// final `response.incomplete`) is stored as `data` text, not `json`. `show` skipped such events,
// so that stream showed no finish reason and no usage, and chat chunks written so lost their text.

test('reads stream events whose JSON the cassette kept as text', () => {
  const incomplete =
    '{"type":"response.incomplete","response":{"status":"incomplete","incomplete_details":{"reason":"max_output_tokens"},"top_p":1.0,' +
    '"output":[{"type":"message","content":[{"type":"output_text","text":"In the bustling city"}]}],"usage":{"input_tokens":5,"output_tokens":16}}}';

  const view = streamView(200, [
    { event: 'response.created', json: { type: 'response.created' } },
    { event: 'response.incomplete', data: incomplete },
  ]);

  expect(view).toMatchObject({
    finishReason: 'max_output_tokens',
    reply: { text: 'In the bustling city' },
    usage: { input: 5, output: 16 },
  });
});

test('reads chat chunks kept as text', () => {
  const view = streamView(200, [
    { data: '{"choices":[{"delta":{"content":"Hi"}}],"temperature":1.0}' },
    { data: '[DONE]' },
  ]);

  expect(view.reply?.text).toBe('Hi');
});
