import { describe, expect, test } from 'vitest';
import type { CassetteFile, RecordedInteraction } from '../../../src/cassette/types.js';
import { diffCassettes } from '../../../src/cli/diff/cassette-diff.js';
import { diffText } from '../../../src/cli/diff/text-diff.js';

const URL = 'https://api.openai.com/v1/chat/completions';

/** A chat interaction asking `question`, answered with `answer` text or tool calls. */
function interaction(
  question: string,
  answer: string | { name: string; args: object; id: string }[],
): RecordedInteraction {
  const message =
    typeof answer === 'string'
      ? { role: 'assistant', content: answer }
      : {
          role: 'assistant',
          content: null,
          tool_calls: answer.map((call) => ({
            id: call.id,
            type: 'function',
            function: { name: call.name, arguments: JSON.stringify(call.args) },
          })),
        };
  return {
    id: `${question.length}-1`,
    hash: 'x',
    request: {
      method: 'POST',
      url: URL,
      headers: {},
      body: { json: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }] } },
    },
    response: {
      status: 200,
      headers: {},
      body: { json: { id: `chatcmpl-${Math.random()}`, choices: [{ index: 0, message, finish_reason: 'stop' }] } },
    },
    recordedAt: new Date().toISOString(),
  };
}

const file = (...interactions: RecordedInteraction[]): CassetteFile => ({ version: 1, interactions });
const version = (...interactions: RecordedInteraction[]) => ({ file: file(...interactions), shown: 'c.yaml' });

describe('diffCassettes', () => {
  test('pairs identical requests first, so one inserted in the middle is added and the rest stay the same', () => {
    const before = version(interaction('a', 'A'), interaction('b', 'B'), interaction('c', 'C'));
    const after = version(interaction('a', 'A'), interaction('new', 'N'), interaction('b', 'B'), interaction('c', 'C'));

    const diff = diffCassettes(before, after);

    expect(diff.interactions.map((i) => [i.change, i.before?.index, i.after?.index])).toEqual([
      ['same', 0, 0],
      ['added', undefined, 1],
      ['same', 1, 2],
      ['same', 2, 3],
    ]);
    expect(diff.counts).toEqual({ same: 3, changed: 0, added: 1, removed: 0 });
  });

  test('pairs a request whose body changed with its old version, and reports the paths', () => {
    const diff = diffCassettes(version(interaction('Paris?', 'Yes')), version(interaction('London?', 'Yes')));

    expect(diff.interactions).toHaveLength(1);
    expect(diff.interactions[0]).toMatchObject({
      change: 'changed',
      request: [{ path: 'body.messages[0].content', recorded: '"Paris?"', received: '"London?"' }],
    });
  });

  test('matches tool calls by name in order, ignoring their ids, and reports input paths', () => {
    const before = version(
      interaction('w', [
        { name: 'weather', args: { city: 'Paris' }, id: 'call_1' },
        { name: 'time', args: {}, id: 'call_2' },
      ]),
    );
    const after = version(
      interaction('w', [
        { name: 'weather', args: { city: 'London' }, id: 'call_9' },
        { name: 'news', args: { q: 1 }, id: 'call_8' },
      ]),
    );

    const [changed] = diffCassettes(before, after).interactions;

    expect(changed?.toolCalls).toEqual([
      {
        kind: 'changed',
        name: 'weather',
        before: { city: 'Paris' },
        after: { city: 'London' },
        input: [{ path: 'input.city', recorded: '"Paris"', received: '"London"' }],
      },
      { kind: 'removed', name: 'time', before: {} },
      { kind: 'added', name: 'news', after: { q: 1 } },
    ]);
  });

  test('ignores response ids, interaction ids, times, and ids in request bodies', () => {
    const withCall = (id: string) => {
      const recorded = interaction('q', 'A');
      const body = recorded.request.body as { json: { messages: unknown[] } };
      body.json.messages.push({ role: 'tool', tool_call_id: id, content: '25' });
      return { ...recorded, id: `${id}-1` };
    };

    const diff = diffCassettes(version(withCall('call_old')), version(withCall('call_new')));

    expect(diff.change).toBe('same');
  });

  test('a missing side makes the cassette added or removed', () => {
    expect(diffCassettes(undefined, version(interaction('a', 'A')))).toMatchObject({
      change: 'added',
      counts: { added: 1 },
    });
    expect(diffCassettes(version(interaction('a', 'A')), undefined)).toMatchObject({
      change: 'removed',
      counts: { removed: 1 },
    });
  });
});

describe('diffText', () => {
  test.each([
    ['It is 3°C with light snow in Boston.', 'It is 1°C and windy in Chicago.'],
    ['', 'new text'],
    ['line one\nline two\nline three', 'line one\nline 2\nline three\nline four'],
    ['same', 'same'],
  ])('gives back both texts: %j -> %j', (before, after) => {
    const parts = diffText(before, after);
    expect(
      parts
        .filter((p) => p.kind !== 'added')
        .map((p) => p.text)
        .join(''),
    ).toBe(before);
    expect(
      parts
        .filter((p) => p.kind !== 'removed')
        .map((p) => p.text)
        .join(''),
    ).toBe(after);
  });

  test('joins changed words separated only by spaces into one change', () => {
    expect(diffText('with light snow in', 'and windy in')).toEqual([
      { kind: 'removed', text: 'with light snow' },
      { kind: 'added', text: 'and windy' },
      { kind: 'same', text: ' in' },
    ]);
  });
});
