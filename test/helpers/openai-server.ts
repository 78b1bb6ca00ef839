import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { corpusBodyBytes, loadCorpus, type CorpusExchange } from './corpus.js';

/** A request the loopback server received. */
export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  bodyText: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  body: any;
}

/** What the server answers: a corpus exchange (by id or value), or a function. */
export type Reply = string | CorpusExchange | ((request: ReceivedRequest, res: ServerResponse) => void | Promise<void>);

export interface OpenAIServer {
  /** `http://127.0.0.1:<port>/v1`, ready for `baseUrl`. */
  baseUrl: string;
  origin: string;
  requests: ReceivedRequest[];
  /** Replaces the reply queue; the last reply repeats once the queue is down to one. */
  reply(...replies: Reply[]): void;
  close(): Promise<void>;
}

// Hop-by-hop and length headers are recomputed by node:http for the bytes we send.
const DROPPED_HEADERS = new Set(['transfer-encoding', 'content-length', 'connection']);

/** Sends a corpus exchange's real status, headers and body bytes. */
export function sendExchange(res: ServerResponse, exchange: CorpusExchange): void {
  for (const [name, value] of Object.entries(exchange.response.headers)) {
    if (!DROPPED_HEADERS.has(name.toLowerCase())) {
      res.setHeader(name, value);
    }
  }
  res.statusCode = exchange.response.status;
  res.end(corpusBodyBytes(exchange));
}

/**
 * Starts an OpenAI-compatible server on 127.0.0.1 and a free port. It answers each request
 * with the next reply in its queue and keeps every request it received.
 */
export async function startOpenAIServer(...replies: Reply[]): Promise<OpenAIServer> {
  let queue = [...replies];
  const requests: ReceivedRequest[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) {
      chunks.push(chunk as Buffer);
    }
    const bodyText = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    try {
      body = bodyText ? JSON.parse(bodyText) : undefined;
    } catch {
      body = undefined;
    }
    const received: ReceivedRequest = {
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      headers: req.headers,
      bodyText,
      body,
    };
    requests.push(received);
    const reply = queue.length > 1 ? queue.shift() : queue[0];
    if (reply === undefined) {
      res.statusCode = 599;
      res.end('no reply queued');
      return;
    }
    if (typeof reply === 'function') {
      await reply(received, res);
      return;
    }
    sendExchange(res, typeof reply === 'string' ? loadCorpus(reply) : reply);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    baseUrl: `${origin}/v1`,
    origin,
    requests,
    reply(...next: Reply[]) {
      queue = [...next];
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** A reply that sends built response data (see `openaiResponseData` in spark-models/testing). */
export function dataReply(data: { status: number; headers: Record<string, string>; body: string }): Reply {
  return (_request, res) => {
    res.writeHead(data.status, data.headers);
    res.end(data.body);
  };
}
