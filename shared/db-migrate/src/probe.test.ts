import net from 'node:net';
import { embeddedInUseSync } from './embedded';
import { PROBE_ENV, probeAnswer, probedByParent, probeForChildren, probeTarget, tcpAnswers } from './probe';

/** A TCP server on a free port, standing in for PostgreSQL: the probe only asks whether a connection opens. */
async function listening(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = net.createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A URL whose port had a server a moment ago and has none now. */
async function nothingListening(): Promise<string> {
  const server = await listening();
  await server.close();
  return server.url;
}

describe('probing PostgreSQL', () => {
  it('When a URL has no port or an IPv6 host, then the probe tries 5432 and the bare address', () => {
    expect(probeTarget('postgres://u@db.example/x')).toEqual({ host: 'db.example', port: 5432 });
    expect(probeTarget('postgres://u@[::1]:6543/x')).toEqual({ host: '::1', port: 6543 });
  });

  it('When something listens at the URL, then the probe answers true, and false once it has gone', async () => {
    const server = await listening();
    await expect(tcpAnswers(server.url)).resolves.toBe(true);
    await server.close();
    await expect(tcpAnswers(server.url)).resolves.toBe(false);
  });

  it('When a parent probed a URL, then its answer is read for that URL and for no other', async () => {
    const env = { [PROBE_ENV]: probeAnswer('postgres://a@127.0.0.1:5432/x', false) };

    expect(probedByParent('postgres://a@127.0.0.1:5432/x', env)).toBe(false);
    expect(probedByParent('postgres://a@127.0.0.1:5433/x', env)).toBeUndefined();
    expect(probedByParent('postgres://a@127.0.0.1:5432/x', {})).toBeUndefined();
    expect(probedByParent('postgres://a@127.0.0.1:5432/x', { [PROBE_ENV]: 'garbage' })).toBeUndefined();
  });

  it('When the answer is handed down, then it carries no password', async () => {
    const value = await probeForChildren('postgres://user:hunter2@127.0.0.1:1/x');

    expect(value).toMatch(/^[0-9a-f]{12}=nothing$/);
    expect(value).not.toContain('hunter2');
  });

  it("When a parent's answer is in the environment, then the synchronous check takes it instead of probing", async () => {
    // The answers contradict what a probe would find, so only the handed-down answer explains the result.
    const server = await listening();
    const nowhere = await nothingListening();
    try {
      expect(embeddedInUseSync(server.url, { [PROBE_ENV]: probeAnswer(server.url, false) })).toBe(true);
      expect(embeddedInUseSync(nowhere, { [PROBE_ENV]: probeAnswer(nowhere, true) })).toBe(false);
      // Without an answer for this URL, it probes.
      expect(embeddedInUseSync(server.url, { [PROBE_ENV]: probeAnswer(nowhere, false) })).toBe(false);
      expect(embeddedInUseSync(nowhere, {})).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('When COURSE_PGLITE forces a choice, then it wins over any answer', () => {
    const url = 'postgres://a@127.0.0.1:5432/x';

    expect(embeddedInUseSync(url, { COURSE_PGLITE: '1', [PROBE_ENV]: probeAnswer(url, true) })).toBe(true);
    expect(embeddedInUseSync(url, { COURSE_PGLITE: '0', [PROBE_ENV]: probeAnswer(url, false) })).toBe(false);
  });
});
