import { describe, expect, test } from 'vitest';
import { formBytes, formFromBytes, replayFormOf } from '../../src/cassette/replay-form.js';

describe('replay forms', () => {
  test('read back from their bytes exactly as built: status, header pairs, body, events and their times', () => {
    const form = replayFormOf({
      status: 200,
      headers: { 'content-type': 'text/event-stream', 'x-multi': ['a', 'b'] },
      body: {
        events: [
          { json: { delta: 'caf\u00e9' }, offsetMs: 0 },
          { data: '[DONE]', offsetMs: 12 },
        ],
      },
    });
    expect(form.events).toEqual([Buffer.byteLength('data: {"delta":"caf\u00e9"}\n\n'), 'data: [DONE]\n\n'.length]);
    expect(form.offsets).toEqual([0, 12]);
    const back = formFromBytes(formBytes(form));
    expect({ ...back, body: Buffer.from(back?.body ?? []).toString() }).toEqual({
      ...form,
      body: Buffer.from(form.body ?? []).toString(),
    });
    const empty = replayFormOf({ status: 204, headers: {} });
    expect(formFromBytes(formBytes(empty))).toEqual(empty);
  });

  test('are refused when their bytes do not hold one', () => {
    const bytes = formBytes(replayFormOf({ status: 200, headers: {}, body: { text: 'hello' } }));
    expect(formFromBytes(bytes)).toBeDefined();
    for (const bad of [
      bytes.subarray(0, bytes.length - 1),
      Buffer.concat([bytes, Buffer.from('!')]),
      Buffer.from('{"status":200,"headers":[["a"]]}\n'),
      Buffer.from('{"status":200,"headers":[],"body":2,"events":[1,2]}\nab'),
      Buffer.from('{"status":"200","headers":[]}\n'),
      Buffer.from('not json\n'),
      Buffer.from(''),
    ]) {
      expect(formFromBytes(bad)).toBeUndefined();
    }
  });
});
