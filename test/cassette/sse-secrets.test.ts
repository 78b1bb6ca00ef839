import { describe, expect, test } from 'vitest';
import { findSplitSecrets, scrubSplitSecrets } from '../../src/cassette/sse-secrets.js';
import type { SseEvent } from '../../src/cassette/types.js';
import { secretMatcher } from '../../src/internal/secret-forms.js';

const KEY = 'sk-split-0123456789abcdef';
const matcher = secretMatcher([KEY]);

const chatDelta = (content: string, index = 0): SseEvent => ({
  json: { choices: [{ index, delta: { content } }] },
});
const responsesDelta = (delta: string, item: string): SseEvent => ({
  event: 'response.output_text.delta',
  json: { type: 'response.output_text.delta', item_id: item, output_index: 0, content_index: 0, delta },
});
const joined = (events: SseEvent[], read: (event: SseEvent) => string): string => events.map(read).join('');
const chatText = (event: SseEvent): string =>
  (event.json as { choices: { delta: { content: string } }[] }).choices[0]?.delta.content ?? '';

describe('secrets split across stream events', () => {
  test('are cut from chat deltas: the joined text reads REDACTED, the other events are the same objects', () => {
    const events = [
      chatDelta('Your key is '),
      chatDelta('sk-sp'),
      chatDelta('lit-0123'),
      chatDelta('456789abcdef.'),
      chatDelta('Bye'),
    ];
    const scrubbed = scrubSplitSecrets(events, matcher, 'REDACTED');

    expect(joined(scrubbed, chatText)).toBe('Your key is REDACTED.Bye');
    expect(scrubbed[0]).toBe(events[0]);
    expect(scrubbed[4]).toBe(events[4]);
    expect(joined(events, chatText)).toContain(KEY); // the input is left as it was
  });

  test('are found per choice, and per Responses output item, not across them', () => {
    const interleaved = [chatDelta('sk-split-', 0), chatDelta('other', 1), chatDelta('0123456789abcdef', 0)];
    expect(findSplitSecrets(interleaved, matcher)).toHaveLength(1);
    const items = [responsesDelta('sk-split-', 'a'), responsesDelta('0123456789abcdef', 'b')];
    expect(findSplitSecrets(items, matcher)).toEqual([]);
    const sameItem = [responsesDelta('sk-split-', 'a'), responsesDelta('0123456789abcdef', 'a')];
    const scrubbed = scrubSplitSecrets(sameItem, matcher, 'REDACTED');
    expect(scrubbed.map((e) => (e.json as { delta: string }).delta)).toEqual(['REDACTED', '']);
  });

  test('are found in data that is not JSON, and left alone when whole in one event (scrubbed there)', () => {
    const text = [{ data: 'sk-split-01' }, { data: '23456789abcdef' }];
    expect(scrubSplitSecrets(text, matcher, 'R').map((e) => e.data)).toEqual(['R', '']);
    expect(findSplitSecrets([chatDelta(KEY)], matcher)).toEqual([]);
  });
});
