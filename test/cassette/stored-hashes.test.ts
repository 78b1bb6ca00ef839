import { readFile, writeFile } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import { CassetteMissError, startCassette, type CassetteOptions } from '../../src/cassette/index.js';
import { startOpenAIServer } from '../helpers/openai-server.js';
import { useTempDir } from '../helpers/temp-dir.js';

// Replay files each recording under its stored hash and computes a recording's own hash only
// when it is about to answer (match.ts). These check that hand edits and changed rules still
// match exactly as when every hash was computed at load.

const dir = useTempDir('spark-cassette-hashes-');

async function record(name: string, bodies: unknown[], options: CassetteOptions = {}): Promise<string> {
  const server = await startOpenAIServer((request, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ answer: request.body }));
  });
  try {
    const cassette = await startCassette(name, { dir: dir.path, mode: 'record', ...options });
    for (const body of bodies) {
      await cassette.fetch(`${server.origin}/v1/x`, { method: 'POST', body: JSON.stringify(body) });
    }
    await cassette.stop();
    return cassette.path;
  } finally {
    await server.close();
  }
}

// Edits the file by hand, leaving the stored hashes as they were. Every recording's URL is
// pointed at one address, as the server that was recorded (on a random port) is gone.
async function edit(path: string, change: (text: string) => string): Promise<void> {
  const text = (await readFile(path, 'utf8')).replaceAll(/url: http:\/\/127\.0\.0\.1:\d+/g, 'url: http://127.0.0.1:9');
  await writeFile(path, change(text));
}

async function ask(fetch: typeof globalThis.fetch, body: unknown): Promise<unknown> {
  const response = await fetch('http://127.0.0.1:9/v1/x', { method: 'POST', body: JSON.stringify(body) });
  return response.json();
}

describe('stored hashes', () => {
  test('match a request edited by hand in the file, its stored hash left as it was', async () => {
    const path = await record('edited', [{ q: 'old' }, { q: 'other' }]);
    await edit(path, (text) => text.replace('q: old', 'q: new'));
    const cassette = await startCassette('edited', { dir: dir.path, mode: 'replay' });
    expect(await ask(cassette.fetch, { q: 'new' })).toEqual({ answer: { q: 'old' } });
    // The edited recording no longer answers the request it was recorded for.
    await expect(ask(cassette.fetch, { q: 'old' })).rejects.toBeInstanceOf(CassetteMissError);
    expect(await ask(cassette.fetch, { q: 'other' })).toEqual({ answer: { q: 'other' } });
    const summary = await cassette.stop({ failed: true });
    expect(summary).toMatchObject({ replayed: 2, unused: [] });
  });

  test('match under `ignoreBodyFields` added after recording', async () => {
    const path = await record('ignored', [
      { q: 1, user: 'a' },
      { q: 2, user: 'a' },
    ]);
    await edit(path, (text) => text);
    const cassette = await startCassette('ignored', { dir: dir.path, mode: 'replay', ignoreBodyFields: ['user'] });
    expect(await ask(cassette.fetch, { q: 2, user: 'b' })).toEqual({ answer: { q: 2, user: 'a' } });
    expect(await ask(cassette.fetch, { q: 1, user: 'c' })).toEqual({ answer: { q: 1, user: 'a' } });
    expect((await cassette.stop()).replayed).toBe(2);
  });

  test('keep identical recordings in recorded order once edits made every hash be computed', async () => {
    const path = await record('order', [{ q: 'same', n: 1 }, { q: 'same', n: 2 }, { q: 'edited' }]);
    await edit(path, (text) => text.replace('q: edited', 'q: changed'));
    const cassette = await startCassette('order', { dir: dir.path, mode: 'replay', ignoreBodyFields: ['n'] });
    expect(await ask(cassette.fetch, { q: 'changed' })).toEqual({ answer: { q: 'edited' } });
    expect(await ask(cassette.fetch, { q: 'same', n: 9 })).toEqual({ answer: { q: 'same', n: 1 } });
    expect(await ask(cassette.fetch, { q: 'same', n: 9 })).toEqual({ answer: { q: 'same', n: 2 } });
    expect((await cassette.stop()).replayed).toBe(3);
  });

  test('never take an edited recording for the request its stale hash names, however small the edit', async () => {
    const sent = { q: 'x', list: [1, 2], nested: { a: null, b: [{ c: 'd' }] } };
    const edits: [string, (text: string) => string][] = [
      ['array order', (text) => text.replace(/- 1\n(\s+)- 2\n/, '- 2\n$1- 1\n')],
      ['a null made a string', (text) => text.replace('a: null', 'a: "null"')],
      ['a key dropped', (text) => text.replace(/\n\s+a: null/, '')],
      ['a key added', (text) => text.replace('q: x', 'q: x\n          extra: 1')],
      ['a nested string', (text) => text.replace('c: d', 'c: e')],
      ['the method', (text) => text.replace('method: POST', 'method: PUT')],
    ];
    for (const [what, change] of [['nothing', (text: string) => text] as const, ...edits]) {
      // Recorded and replayed at the same URL, so the stored hash names the request sent.
      const { origin, path } = await recordAt(`edit-${what.replaceAll(' ', '-')}`, sent);
      const text = await readFile(path, 'utf8');
      const edited = change(text);
      expect(edited === text, what).toBe(what === 'nothing');
      await writeFile(path, edited);
      const cassette = await startCassette(`edit-${what.replaceAll(' ', '-')}`, { dir: dir.path, mode: 'replay' });
      const asked = cassette.fetch(`${origin}/v1/x`, { method: 'POST', body: JSON.stringify(sent) });
      if (what === 'nothing') {
        expect(await (await asked).json()).toEqual({ answer: sent });
      } else {
        await expect(asked, what).rejects.toBeInstanceOf(CassetteMissError);
      }
      await cassette.stop({ failed: true });
    }
  });
});

async function recordAt(name: string, body: unknown): Promise<{ origin: string; path: string }> {
  const server = await startOpenAIServer((request, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ answer: request.body }));
  });
  try {
    const cassette = await startCassette(name, { dir: dir.path, mode: 'record' });
    await cassette.fetch(`${server.origin}/v1/x`, { method: 'POST', body: JSON.stringify(body) });
    await cassette.stop();
    return { origin: server.origin, path: cassette.path };
  } finally {
    await server.close();
  }
}
