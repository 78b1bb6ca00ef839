import { describe, expect, it } from 'vitest';
import { countTokens } from '../../src/tokens/count-tokens.js';
import { EchoModel } from '../../src/testing/index.js';
import type { Message } from '../../src/model/types.js';

const conversation: Message[] = [
  { role: 'user', content: [{ text: 'What is Python?' }] },
  { role: 'assistant', content: [{ text: 'A language.' }] },
  { role: 'user', content: [{ text: 'What is it used for?' }] },
];

describe('EchoModel', () => {
  it('echoes the last user text with the default prefix', async () => {
    const response = await new EchoModel().getText({ messages: conversation });
    expect(response).toMatchObject({ content: 'Echo: What is it used for?', stopReason: 'end_turn' });
  });

  it('uses a custom prefix', async () => {
    const response = await new EchoModel({ prefix: '> ' }).getText({ messages: conversation });
    expect(response.text).toBe('> What is it used for?');
  });

  it('skips tool-result turns to find the last user text', async () => {
    const messages: Message[] = [
      { role: 'user', content: [{ text: 'Weather?' }] },
      { role: 'assistant', content: [{ toolUse: { toolUseId: 't', name: 'w', input: {} } }] },
      { role: 'user', content: [{ toolResult: { toolUseId: 't', content: [{ text: 'sun' }], status: 'success' } }] },
    ];
    expect((await new EchoModel().getText({ messages })).content).toBe('Echo: Weather?');
  });

  it('reports usage from real token counts', async () => {
    const response = await new EchoModel().getText({ messages: conversation });
    expect(response.usage.outputTokens).toBe(countTokens('Echo: What is it used for?'));
    expect(response.usage.inputTokens).toBeGreaterThan(countTokens('What is it used for?'));
    expect(response.usage.totalTokens).toBe(response.usage.inputTokens + response.usage.outputTokens);
  });

  it('answers getJson with the echo as JSON', async () => {
    const response = await new EchoModel().getJson({ messages: conversation });
    expect(JSON.parse(response.text)).toEqual({ echo: 'Echo: What is it used for?' });
  });

  it('waits the configured delay and counts calls', async () => {
    const model = new EchoModel({ delayMs: 30 });
    const started = performance.now();
    await Promise.all([model.getText({ messages: conversation }), model.getText({ messages: conversation })]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
    expect(model.callCount).toBe(2);
  });

  it('aborts during the delay', async () => {
    const pending = new EchoModel({ delayMs: 5_000 }).getText({
      messages: conversation,
      signal: AbortSignal.timeout(10),
    });
    await expect(pending).rejects.toMatchObject({ name: 'ModelAPIError', code: 'aborted' });
  });

  it('echoes an empty string when there is no user text', async () => {
    expect((await new EchoModel().getText({ messages: [] })).content).toBe('Echo: ');
  });
});
