import { createServer as createHttpServer } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Server, type Socket } from 'node:net';

/** A loopback server that counts every connection and request that reaches it. */
export interface CountingServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  port: number;
  /** Connections accepted (whatever was sent over them). */
  connections: number;
  /** HTTP requests received (0 for a TCP server). */
  requests: number;
  /** What the HTTP server answers now. */
  body: string;
  close(): Promise<void>;
}

/** An HTTP server on 127.0.0.1:0 answering every request with `body` (text/plain). */
export function startCountingHttpServer(body = 'live'): Promise<CountingServer> {
  const server = createHttpServer((req, res) => {
    counting.requests++;
    req.resume();
    req.on('end', () => {
      res.setHeader('content-type', 'text/plain');
      res.end(counting.body);
    });
  });
  const counting = track(server);
  counting.body = body;
  return listen(server, counting);
}

/** A TCP server on 127.0.0.1:0 that answers each line with `pong` (a stand-in for a local database). */
export function startCountingTcpServer(): Promise<CountingServer> {
  const server = createTcpServer((socket) => socket.on('data', () => socket.write('pong\n')));
  const counting = track(server);
  return listen(server, counting);
}

function track(server: Server): CountingServer {
  const sockets = new Set<Socket>();
  const counting: CountingServer = {
    origin: '',
    port: 0,
    connections: 0,
    requests: 0,
    body: '',
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) {
          socket.destroy();
        }
        server.close(() => resolve());
      }),
  };
  server.on('connection', (socket: Socket) => {
    counting.connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return counting;
}

async function listen(server: Server, counting: CountingServer): Promise<CountingServer> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  counting.port = (server.address() as AddressInfo).port;
  counting.origin = `http://127.0.0.1:${counting.port}`;
  return counting;
}
