import net from 'node:net';

/**
 * A local TCP port that was free a moment ago: for a server that a test or benchmark starts itself (a private Redis,
 * a child process told where to listen), or for an address where nothing listens. Another process could take it
 * in between; where the server can pick its own port (listen on 0 and report it), prefer that.
 */
export async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
