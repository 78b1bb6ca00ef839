import * as httpNamespace from 'node:http';
import { request as namedRequest } from 'node:http';
import http from 'node:http';
import net from 'node:net';
import axios from 'axios';
import * as undici from 'undici';

/** What a client got: the body, or the error it failed with (and that error's causes). */
export type ClientOutcome = { body: string } | { error: unknown };

/** Every kind of Node HTTP client, each making `GET url` and reading the body as text. */
export const HTTP_CLIENTS: Record<string, (url: string) => Promise<string>> = {
  'global fetch': async (url) => (await fetch(url)).text(),
  'node:http (default import)': (url) => httpGet(http.get, url),
  'node:http (namespace import)': (url) => httpGet(httpNamespace.get, url),
  'node:http (named import)': (url) =>
    new Promise((resolve, reject) => {
      const req = namedRequest(url, (res) => readAll(res).then(resolve, reject));
      req.on('error', reject);
      req.end();
    }),
  'undici request()': async (url) => (await undici.request(url)).body.text(),
  'undici Agent dispatcher': async (url) => {
    const agent = new undici.Agent();
    try {
      return await (await undici.request(url, { dispatcher: agent })).body.text();
    } finally {
      await agent.close();
    }
  },
  'undici fetch': async (url) => (await undici.fetch(url)).text(),
  axios: async (url) => (await axios.get<string>(url, { responseType: 'text', proxy: false })).data,
};

/** Runs a client and keeps what it got. */
export async function outcome(run: () => Promise<string>): Promise<ClientOutcome> {
  try {
    return { body: await run() };
  } catch (error) {
    return { error };
  }
}

/**
 * The deepest error named `name` in `error`'s `cause` chain (itself included): clients wrap a
 * socket's error (undici's "fetch failed"), and some copy its name onto the wrapper (axios).
 */
export function findError(error: unknown, name: string): Error | undefined {
  let found: Error | undefined;
  for (let e = error, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as Error).name === name) {
      found = e as Error;
    }
  }
  return found;
}

/** Sends `ping` over a raw TCP connection and resolves with the first line back. */
export function tcpPing(port: number, host = '127.0.0.1', lookup?: net.LookupFunction): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host, ...(lookup ? { lookup } : {}) }, () => socket.write('ping\n'));
    socket.once('data', (data) => {
      resolve(data.toString().trim());
      socket.destroy();
    });
    socket.once('error', reject);
  });
}

/** A DNS lookup that sends every name to 127.0.0.1: a refused host then never leaves the machine. */
export const toLoopback: net.LookupFunction = (_hostname, options, callback) => {
  if ((options as { all?: boolean }).all) {
    (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [
      { address: '127.0.0.1', family: 4 },
    ]);
  } else {
    callback(null, '127.0.0.1', 4);
  }
};

function httpGet(get: typeof http.get, url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    get(url, (res) => readAll(res).then(resolve, reject)).on('error', reject);
  });
}

function readAll(res: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => (body += chunk));
    res.on('end', () => resolve(body));
    res.on('error', reject);
  });
}
