import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { replyHeaders, replyText, toolCall } from '../lib/workload.js';

/** The loopback stand-in for the API that the suite's recordings are made from. */
export interface AgentServer {
  /** `http://127.0.0.1:<port>/v1`. */
  baseUrl: string;
  /** Requests received so far. */
  readonly received: number;
  /** Whether it answers (recording) or refuses with a 599 (replay, where nothing may reach it). */
  answering: boolean;
  close(): Promise<void>;
}

// Which conversation and turn a request is: the system prompt names the shop (the seed), and
// the results of this test's own tool calls (0 and 1) tell how far the agent got.
function replyFor(body: string): { seed: number; turn: number } | undefined {
  const seed = Number(/support agent of shop (\d+)\./.exec(body)?.[1]);
  if (!Number.isInteger(seed)) {
    return undefined;
  }
  const turn = [0, 1].filter((n) => body.includes(`"${toolCall(seed, n).toolUseId}"`)).length;
  // Each call id appears twice once answered: in the assistant's call and in the result.
  return { seed, turn: Math.min(2, turn) };
}

/** Starts the server on 127.0.0.1 and a free port, answering every chat completion of the workload. */
export async function startAgentServer(): Promise<AgentServer> {
  let received = 0;
  const state = { answering: true };
  const server: Server = createServer(async (req, res) => {
    received++;
    const chunks: Buffer[] = [];
    for await (const chunk of req) {
      chunks.push(chunk as Buffer);
    }
    const found = state.answering ? replyFor(Buffer.concat(chunks).toString('utf8')) : undefined;
    if (!found) {
      res.writeHead(599).end('not answering');
      return;
    }
    res.writeHead(200, replyHeaders()).end(replyText(found.seed, found.turn));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    get received() {
      return received;
    },
    get answering() {
      return state.answering;
    },
    set answering(value: boolean) {
      state.answering = value;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
