import type { OpenAIServer } from '../../test/helpers/openai-server.js';
import type { Contender } from './measure.js';

interface Dispatcher {
  destroy(): Promise<void>;
}

// undici's Agent class, reached through the global dispatcher fetch uses (Node ships undici
// without exporting it).
function newAgent(): Dispatcher {
  const global = (globalThis as Record<symbol, unknown>)[Symbol.for('undici.globalDispatcher.1')];
  const Agent = (global as { constructor: new () => Dispatcher } | undefined)?.constructor;
  if (!Agent) {
    throw new Error('no undici global dispatcher to copy');
  }
  return new Agent();
}

/**
 * Keeps a bench honest about where its requests go. A keep-alive socket opened to the loopback
 * server before MSW listens is never intercepted (MSW 3 patches new connections), so a replayed
 * or mocked request could reach the server and measure it instead. Each round of a contender
 * gets a connection pool of its own (`fetch`), and, given the server, a round fails the bench
 * if a mocked request reached it, or a live one did not.
 */
export function phases(server?: OpenAIServer): {
  /** fetch through the current round's own pool. */
  fetch: typeof globalThis.fetch;
  live: (contender: Contender) => Contender;
  mocked: (contender: Contender) => Contender;
} {
  let agent: Dispatcher | undefined;
  const fetch: typeof globalThis.fetch = (input, init) =>
    globalThis.fetch(input, { ...init, dispatcher: agent } as RequestInit);
  const guard = (contender: Contender, live: boolean): Contender => {
    let before = 0;
    let calls = 0;
    return {
      ...contender,
      run: () => {
        calls++;
        return contender.run();
      },
      setup: async () => {
        agent = newAgent();
        before = server?.requests.length ?? 0;
        calls = 0;
        await contender.setup?.();
      },
      teardown: async () => {
        await contender.teardown?.();
        // destroy, not close: close waits for mocked sockets, which MSW never ends.
        await agent?.destroy();
        const served = (server?.requests.length ?? 0) - before;
        if (server && served !== (live ? calls : 0)) {
          throw new Error(`${contender.name}: ${served} of ${calls} requests reached the loopback server`);
        }
      },
    };
  };
  return { fetch, live: (c) => guard(c, true), mocked: (c) => guard(c, false) };
}
