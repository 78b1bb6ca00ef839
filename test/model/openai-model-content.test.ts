import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ModelConfigurationError, OpenAIModel, type ContentBlock } from '../../src/index.js';
import { countMessageTokens } from '../../src/tokens/index.js';
import { startOpenAIServer, type OpenAIServer } from '../helpers/openai-server.js';

let server: OpenAIServer;
beforeEach(async () => {
  server = await startOpenAIServer('01');
});
afterEach(async () => {
  await server.close();
});

const model = (): OpenAIModel =>
  new OpenAIModel({ modelId: 'gpt-4o', apiKey: 'sk-test-key-123456', baseUrl: server.baseUrl });

// The first bytes of real files of each format.
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1]);
const WEBP = Uint8Array.from(Buffer.from('RIFF\u0024\u0000\u0000\u0000WEBPVP8 ', 'latin1'));
const WAV = Uint8Array.from(Buffer.from('RIFF\u0024\u0000\u0000\u0000WAVEfmt ', 'latin1'));

async function sentParts(content: ContentBlock[]): Promise<unknown> {
  await model().getText({ messages: [{ role: 'user', content }] });
  return server.requests.at(-1)?.body.messages[0].content;
}

describe('images and audio on the wire', () => {
  test('sends an image URL as it is, with its detail', async () => {
    expect(
      await sentParts([
        { text: 'What is this?' },
        { image: { source: { url: 'https://example.com/cat.png' }, detail: 'low' } },
      ]),
    ).toEqual([
      { type: 'text', text: 'What is this?' },
      { type: 'image_url', image_url: { url: 'https://example.com/cat.png', detail: 'low' } },
    ]);
  });

  test('sends bytes as a data URL, reading the format from the bytes when none is given', async () => {
    const parts = (await sentParts([
      { image: { source: { bytes: PNG } } },
      { image: { source: { bytes: Buffer.from(JPEG).toString('base64') }, detail: 'high' } },
      { image: { source: { bytes: WEBP } } },
      { image: { format: 'gif', source: { bytes: 'R0lGODlh' } } },
    ])) as { image_url: { url: string; detail?: string } }[];
    expect(parts.map((part) => part.image_url.url.slice(0, part.image_url.url.indexOf(',')))).toEqual([
      'data:image/png;base64',
      'data:image/jpeg;base64',
      'data:image/webp;base64',
      'data:image/gif;base64',
    ]);
    expect(parts[0]?.image_url.url).toBe(`data:image/png;base64,${Buffer.from(PNG).toString('base64')}`);
    expect(parts[1]?.image_url.detail).toBe('high');
  });

  test('sends audio as input_audio', async () => {
    expect(
      await sentParts([{ text: 'Transcribe this.' }, { audio: { format: 'wav', source: { bytes: WAV } } }]),
    ).toEqual([
      { type: 'text', text: 'Transcribe this.' },
      { type: 'input_audio', input_audio: { data: Buffer.from(WAV).toString('base64'), format: 'wav' } },
    ]);
  });

  test.each([
    [
      { image: { source: { url: 'ftp://example.com/a.png' } } },
      'messages[0].content[0].image.source.url',
      /http\(s\) URL/,
    ],
    [{ image: { source: {} } }, 'messages[0].content[0].image.source', /\{ bytes: .* \} or \{ url: string \}/],
    [
      { image: { source: { bytes: Uint8Array.from([1, 2, 3]) } } },
      'messages[0].content[0].image.format',
      /set `format`/,
    ],
    [
      { image: { source: { url: 'https://e.com/a.png' }, detail: 'max' } },
      'messages[0].content[0].image.detail',
      /"auto", "low" or "high"/,
    ],
    [{ audio: { format: 'ogg', source: { bytes: WAV } } }, 'messages[0].content[0].audio.format', /"wav" or "mp3"/],
    [
      { audio: { format: 'mp3', source: { url: 'https://e.com/a.mp3' } } },
      'messages[0].content[0].audio.source',
      /bytes/,
    ],
  ])('refuses %j before any request, naming where it is', async (block, path, why) => {
    const error = (await model()
      .getText({ messages: [{ role: 'user', content: [block as unknown as ContentBlock] }] })
      .then(
        () => undefined,
        (e: unknown) => e,
      )) as ModelConfigurationError;
    expect(error).toBeInstanceOf(ModelConfigurationError);
    expect(error.message).toContain(`Invalid \`${path}\``);
    expect(error.message).toMatch(why);
    expect(server.requests).toHaveLength(0);
  });

  test('counts a low-detail image at 85 tokens and audio at its estimate', () => {
    const image = (detail: 'low' | 'high'): ContentBlock => ({
      image: { source: { url: 'https://e.com/a.png' }, detail },
    });
    const cost = (content: ContentBlock[], options = {}) =>
      countMessageTokens([{ role: 'user', content }], options) - countMessageTokens([{ role: 'user', content: [] }]);
    expect(cost([image('low')])).toBe(85);
    expect(cost([image('high')])).toBe(765);
    expect(cost([{ audio: { format: 'mp3', source: { bytes: 'AAAA' } } }], { audioTokens: 120 })).toBe(120);
  });
});

describe('string content', () => {
  test('a message may hold a string: sent as text, counted as text', async () => {
    await model().getText({
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello! How can I help?' },
        { role: 'user', content: [{ text: 'Tell me a joke.' }] },
      ],
    });
    expect(server.requests[0]?.body.messages).toEqual([
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello! How can I help?' },
      { role: 'user', content: 'Tell me a joke.' },
    ]);
    expect(countMessageTokens([{ role: 'user', content: 'Hi' }])).toBe(
      countMessageTokens([{ role: 'user', content: [{ text: 'Hi' }] }]),
    );
  });
});
