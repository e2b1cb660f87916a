import { connect, createServer } from "node:net";
import { PortInUseError } from "./errors.ts";

/** Whether something accepts TCP connections on host:port. */
function answers(host: string, port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host, port });
    const finish = (v: boolean) => {
      socket.destroy();
      done(v);
    };
    socket.setTimeout(500, () => finish(false));
    socket.once("connect", () => finish(true));
    socket.once("error", () => finish(false));
  });
}

/** Whether this process could listen on host:port right now. */
function canListen(host: string, port: number): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer();
    server.once("error", () => done(false));
    server.listen({ host, port, exclusive: true }, () => server.close(() => done(true)));
  });
}

/**
 * Throws PortInUseError ("port <n> is in use: pass --port") when anything listens on `port` (IPv4 or IPv6
 * loopback, or every interface) — before the devnet starts or deploys anything.
 */
export async function assertPortFree(port: number): Promise<void> {
  const [v4, v6] = await Promise.all([answers("127.0.0.1", port), answers("::1", port)]);
  if (v4 || v6 || !(await canListen("127.0.0.1", port))) throw new PortInUseError(port);
}
