import { spawn } from 'node:child_process';
import { watch } from 'node:fs';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, test } from 'vitest';
import {
  CassetteConflictError,
  parseCassette,
  serializeCassette,
  startCassette,
  withCassette,
} from '../../src/cassette/index.js';
import { startOpenAIServer, type ReceivedRequest } from '../helpers/openai-server.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { finished, spawnFixture } from './helpers/child.js';
import { chat, rawClient } from './helpers/clients.js';

const dir = useTempDir('spark-cassette-concurrency-');

/** Answers a chat request with its own prompt as the reply, after `delayMs`. */
function echo(delayMs: () => number, padding = '') {
  return async (request: ReceivedRequest, res: ServerResponse): Promise<void> => {
    await sleep(delayMs());
    const content = `${request.body?.messages?.[0]?.content ?? ''}${padding}`;
    res.setHeader('content-type', 'application/json');
    res.end(
      JSON.stringify({
        id: 'chatcmpl-echo',
        object: 'chat.completion',
        created: 1,
        model: 'gpt-4o-mini',
        choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
      }),
    );
  };
}

const prompts = Array.from({ length: 25 }, (_, i) => `prompt ${i}`);

describe('recording concurrently', () => {
  test('keeps every one of many parallel in-flight requests, and replays each to its own request', async () => {
    const server = await startOpenAIServer(echo(() => Math.random() * 40));
    try {
      const cassette = await startCassette('parallel', { dir: dir.path, mode: 'record' });
      const client = rawClient(server.baseUrl);
      await Promise.all(prompts.map((p) => client.chat.completions.create(chat(p))));
      expect((await cassette.stop()).recorded).toBe(prompts.length);
    } finally {
      await server.close();
    }
    const cassette = await startCassette('parallel', { dir: dir.path, mode: 'replay' });
    const client = rawClient(server.baseUrl);
    const replies = await Promise.all(
      prompts.map(async (p) => (await client.chat.completions.create(chat(p))).choices[0]?.message.content),
    );
    expect((await cassette.stop()).replayed).toBe(prompts.length);
    expect(replies).toEqual(prompts);
  });

  test('waits in stop() for requests still in flight, on both paths', async () => {
    const server = await startOpenAIServer(echo(() => 150));
    try {
      const cassette = await startCassette('in-flight', { dir: dir.path, mode: 'record' });
      const direct = cassette.fetch(`${server.baseUrl}/chat/completions`, {
        method: 'POST',
        body: JSON.stringify(chat('direct')),
      });
      const viaMsw = rawClient(server.baseUrl).chat.completions.create(chat('msw'));
      while (server.requests.length < 2) {
        await sleep(5);
      }
      const summary = await cassette.stop();
      expect(summary.recorded).toBe(2);
      expect(await (await direct).json()).toMatchObject({ choices: [{ message: { content: 'direct' } }] });
      expect((await viaMsw).choices[0]?.message.content).toBe('msw');
    } finally {
      await server.close();
    }
  });

  test('refuses to overwrite a file that changed on disk into something that is not a cassette', async () => {
    const server = await startOpenAIServer('01');
    try {
      const cassette = await startCassette('changed', { dir: dir.path, mode: 'record' });
      await rawClient(server.baseUrl).chat.completions.create(chat('mine'));
      await writeFile(join(dir.path, 'changed.yaml'), 'version: 1\ninteractions: 7\n# written by someone else\n');
      const error = await cassette.stop().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CassetteConflictError);
      expect((error as Error).message).toContain('changed on disk while this run was recording it');
      expect((error as Error).message).toContain('into a file that is not a cassette');
      expect(await readFile(join(dir.path, 'changed.yaml'), 'utf8')).toContain('# written by someone else');
      expect(await readdir(dir.path)).toEqual(['changed.yaml']); // lock released
    } finally {
      await server.close();
    }
  });

  test('refuses to bring back a file deleted while it recorded', async () => {
    const server = await startOpenAIServer('01');
    const path = join(dir.path, 'deleted.yaml');
    try {
      await withCassette('deleted', { dir: dir.path, mode: 'record' }, async () => {
        await rawClient(server.baseUrl).chat.completions.create(chat('first'));
      });
      const cassette = await startCassette('deleted', { dir: dir.path, mode: 'auto' });
      await rawClient(server.baseUrl).chat.completions.create(chat('second'));
      await rm(path);
      const error = await cassette.stop().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CassetteConflictError);
      expect((error as Error).message).toContain('was deleted while this run was recording it');
      expect(await readdir(dir.path)).toEqual([]);
    } finally {
      await server.close();
    }
  });

  test('merges with a cassette another writer saved since it started, keeping both sides', async () => {
    const server = await startOpenAIServer(echo(() => 0));
    try {
      const mine = await startCassette('merged', { dir: dir.path, mode: 'auto' });
      await rawClient(server.baseUrl).chat.completions.create(chat('mine'));
      // Another writer (in real life another worker; here a second cassette saved by hand).
      const theirs = serializeCassette({
        version: 1,
        interactions: [
          {
            id: 'theirs-1',
            hash: 'f'.repeat(64),
            request: { method: 'POST', url: `${server.baseUrl}/chat/completions`, headers: {} },
            response: { status: 200, headers: {}, body: { text: 'theirs' } },
            recordedAt: '2025-01-31T12:00:00.000Z',
          },
        ],
      });
      await writeFile(join(dir.path, 'merged.yaml'), theirs);
      const summary = await mine.stop();
      expect(summary).toMatchObject({ recorded: 1, written: true });
      const file = parseCassette(await readFile(join(dir.path, 'merged.yaml'), 'utf8'), 'merged.yaml');
      expect(file.interactions.map((i) => i.id)).toEqual(['theirs-1', expect.stringMatching(/^[0-9a-f]{12}-1$/)]);
      expect(JSON.stringify(file.interactions[1]?.request.body)).toContain('mine');
    } finally {
      await server.close();
    }
  });

  test('leaves out of a merge the recordings of a request the other writer recorded too, as a serial run would', async () => {
    const server = await startOpenAIServer(echo(() => 0));
    try {
      const other = join(dir.path, 'other');
      await withCassette('dedupe', { dir: other, mode: 'auto' }, async () => {
        await rawClient(server.baseUrl).chat.completions.create(chat('both'));
      });
      const theirs = await readFile(join(other, 'dedupe.yaml'), 'utf8');

      const mine = await startCassette('dedupe', { dir: dir.path, mode: 'auto' });
      await rawClient(server.baseUrl).chat.completions.create(chat('both'));
      await rawClient(server.baseUrl).chat.completions.create(chat('only mine'));
      await writeFile(join(dir.path, 'dedupe.yaml'), theirs);
      await mine.stop();

      const file = parseCassette(await readFile(join(dir.path, 'dedupe.yaml'), 'utf8'), 'dedupe.yaml');
      const prompts = file.interactions.map((i) => JSON.stringify(i.request.body).match(/both|only mine/)?.[0]);
      expect(prompts).toEqual(['both', 'only mine']);
      expect(file.interactions[0]?.id).toBe(parseCassette(theirs, 'theirs').interactions[0]?.id);
    } finally {
      await server.close();
    }
  });

  test('takes over the lock of a process that is gone', async () => {
    const gone = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => gone.on('exit', resolve));
    await writeFile(
      join(dir.path, 'stale.yaml.lock'),
      JSON.stringify({
        pid: gone.pid,
        hostname: (await import('node:os')).hostname(),
        startedAt: '2025-01-01T00:00:00.000Z',
      }),
    );
    const server = await startOpenAIServer('01');
    try {
      const cassette = await startCassette('stale', { dir: dir.path, mode: 'record' });
      await rawClient(server.baseUrl).chat.completions.create(chat('after a crash'));
      expect((await cassette.stop()).written).toBe(true);
      expect(await readdir(dir.path)).toEqual(['stale.yaml']);
    } finally {
      await server.close();
    }
  });

  test('keeps the recordings of two processes recording the same cassette at once', async () => {
    const server = await startOpenAIServer(echo(() => 200));
    try {
      const env = (tag: string) => ({
        CHILD_DIR: dir.path,
        CHILD_NAME: 'shared',
        CHILD_BASE_URL: server.baseUrl,
        CHILD_COUNT: '2',
        CHILD_TAG: tag,
      });
      const results = await Promise.all([
        finished(spawnFixture('record-child.ts', env('first'))),
        finished(spawnFixture('record-child.ts', env('second'))),
      ]);
      const reports = results.map((r) => JSON.parse(r.stdout.trim().split('\n').at(-1) as string));

      expect(reports).toEqual([
        { answered: ['ok', 'ok'], recorded: 2 },
        { answered: ['ok', 'ok'], recorded: 2 },
      ]);
      expect(server.requests).toHaveLength(4);
      const file = parseCassette(await readFile(join(dir.path, 'shared.yaml'), 'utf8'), 'shared.yaml');
      const tags = file.interactions.map((i) => JSON.stringify(i.request.body).match(/(first|second) \d/)?.[0]);
      expect(tags.sort()).toEqual(['first 0', 'first 1', 'second 0', 'second 1']);
      expect(await readdir(dir.path)).toEqual(['shared.yaml']);
    } finally {
      await server.close();
    }
  });

  test('leaves the old cassette intact when the recording process is killed mid-write', async () => {
    const big = 'x'.repeat(16 * 1024 * 1024); // big enough that writing it takes many event-loop turns
    const server = await startOpenAIServer(echo(() => 0, big));
    const path = join(dir.path, 'killed.yaml');
    try {
      const first = await finished(
        spawnFixture('record-child.ts', {
          CHILD_DIR: dir.path,
          CHILD_NAME: 'killed',
          CHILD_BASE_URL: server.baseUrl,
          CHILD_COUNT: '1',
          CHILD_TAG: 'old',
        }),
      );
      expect(first.stdout).toContain('"recorded":1');
      const old = await readFile(path);

      const child = spawnFixture('record-child.ts', {
        CHILD_DIR: dir.path,
        CHILD_NAME: 'killed',
        CHILD_BASE_URL: server.baseUrl,
        CHILD_COUNT: '1',
        CHILD_TAG: 'new',
      });
      const done = finished(child);
      // Kill the moment the temp file appears: the new content is being written, not yet renamed.
      const watcher = watch(dir.path, (_event, file) => {
        if (file?.startsWith('killed.yaml.tmp-')) {
          child.kill('SIGKILL');
          watcher.close();
        }
      });
      const result = await done;
      watcher.close();

      expect(result.signal).toBe('SIGKILL');
      expect(result.stdout).toContain('stopping'); // it was writing, not still recording
      expect((await readdir(dir.path)).some((f) => f.startsWith('killed.yaml.tmp-'))).toBe(true);
      expect((await readFile(path)).equals(old)).toBe(true);
      const survived = parseCassette(old.toString('utf8'), path);
      expect(JSON.stringify(survived.interactions[0]?.request.body)).toContain('old 0');
    } finally {
      await server.close();
    }
  });
});
