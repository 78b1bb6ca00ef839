import { isMainThread, threadId } from 'node:worker_threads';
import type { CassetteResponder } from './handlers.js';

/** The environment variable naming the channel of the thread that started a worker (internal). */
const PARENT_ENV_VAR = 'SPARK_CASSETTE_PARENT_CHANNEL';

// How long a worker waits for its parent thread to answer before it gives up on the request.
const ANSWER_TIMEOUT_MS = 10_000;

interface WireRequest {
  type: 'request';
  id: string;
  method: string;
  url: string;
  headers: [string, string][];
  body: Uint8Array | undefined;
}

type WireAnswer =
  | { type: 'answer'; id: string; none: true }
  | { type: 'answer'; id: string; error: { name: string; message: string } }
  | { type: 'answer'; id: string; status: number; statusText: string; headers: [string, string][]; body: Uint8Array };

/**
 * Lets a worker thread's requests be replayed by the cassette of the thread that started it. A
 * worker that loads spark-models/cassette/setup has its own MSW interception but no cassette;
 * what it intercepts goes over a `BroadcastChannel` (one per parent thread, named in the
 * worker's environment) to the parent, whose running cassette answers it as any request.
 * Bodies travel whole: a stream is replayed at once, not event by event.
 */
export class ThreadBridge {
  #respond: CassetteResponder | undefined;
  #channel: BroadcastChannel | undefined;
  // The parent's channel, read before this thread names its own for its workers.
  readonly #parent = isMainThread ? undefined : process.env[PARENT_ENV_VAR];
  #toParent: BroadcastChannel | undefined;

  /** Answers workers' requests with `respond` until the returned function is called. */
  serve(respond: CassetteResponder): () => void {
    this.listen();
    this.#respond = respond;
    return () => {
      if (this.#respond === respond) {
        this.#respond = undefined;
      }
    };
  }

  /** In a worker started by a thread with cassettes: hands `request` to that thread's cassette. */
  get toParent(): CassetteResponder | undefined {
    return this.#parent === undefined ? undefined : (request) => this.#ask(request);
  }

  /**
   * Opens this thread's channel and names it in the environment its workers inherit, so that a
   * worker started before any cassette reaches the one running when it sends.
   */
  listen(): void {
    if (this.#channel) {
      return;
    }
    const name = `spark-models.cassette.${process.pid}.${threadId}`;
    const channel = new BroadcastChannel(name);
    // A channel keeps the event loop alive; this one must not keep a test run from ending.
    (channel as unknown as { unref?: () => void }).unref?.();
    channel.onmessage = (event) => void this.#answer(channel, (event as MessageEvent<WireRequest>).data);
    this.#channel = channel;
    process.env[PARENT_ENV_VAR] = name;
  }

  async #answer(channel: BroadcastChannel, message: WireRequest): Promise<void> {
    if (message?.type !== 'request') {
      return;
    }
    const { id } = message;
    try {
      const request = new Request(message.url, {
        method: message.method,
        headers: message.headers,
        ...(message.body ? { body: message.body as BodyInit } : {}),
      });
      const response = await this.#respond?.(request);
      if (!response) {
        channel.postMessage({ type: 'answer', id, none: true } satisfies WireAnswer);
        return;
      }
      const body = new Uint8Array(await response.arrayBuffer());
      const { status, statusText } = response;
      channel.postMessage({
        type: 'answer',
        id,
        status,
        statusText,
        headers: [...response.headers],
        body,
      } satisfies WireAnswer);
    } catch (error) {
      const { name, message: text } = error instanceof Error ? error : new Error(String(error));
      channel.postMessage({ type: 'answer', id, error: { name, message: text } } satisfies WireAnswer);
    }
  }

  async #ask(request: Request): Promise<Response | undefined> {
    if (!this.#toParent) {
      this.#toParent = new BroadcastChannel(this.#parent as string);
      (this.#toParent as unknown as { unref?: () => void }).unref?.();
    }
    const channel = this.#toParent;
    const id = crypto.randomUUID();
    const body = request.body ? new Uint8Array(await request.arrayBuffer()) : undefined;
    const answer = await new Promise<WireAnswer | undefined>((resolve) => {
      const timer = setTimeout(() => finish(undefined), ANSWER_TIMEOUT_MS);
      const onMessage = (event: Event): void => {
        const data = (event as MessageEvent<WireAnswer>).data;
        if (data?.type === 'answer' && data.id === id) {
          finish(data);
        }
      };
      const finish = (value: WireAnswer | undefined): void => {
        clearTimeout(timer);
        channel.removeEventListener('message', onMessage);
        resolve(value);
      };
      channel.addEventListener('message', onMessage);
      const message: WireRequest = {
        type: 'request',
        id,
        method: request.method,
        url: request.url,
        headers: [...request.headers],
        body,
      };
      channel.postMessage(message);
    });
    if (!answer || 'none' in answer) {
      return undefined;
    }
    if ('error' in answer) {
      throw Object.assign(new Error(answer.error.message), { name: answer.error.name });
    }
    const empty = answer.status === 204 || answer.status === 304;
    return new Response(empty ? null : (answer.body as BodyInit), {
      status: answer.status,
      statusText: answer.statusText,
      headers: answer.headers,
    });
  }
}

/** The bridge of this thread. */
export const threadBridge: ThreadBridge = new ThreadBridge();
