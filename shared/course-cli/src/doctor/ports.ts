import net from 'node:net';
import type { CheckResult } from './result';

function tryListen(port: number): Promise<NodeJS.ErrnoException | undefined> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(undefined)));
  });
}

/** A chapter's dev server listens on its port; something else holding it would make `pnpm dev` fail. */
export async function checkPort(port: number, chapters: string[]): Promise<CheckResult> {
  const who = chapters.join(', ');
  const error = await tryListen(port);
  if (!error) return { ok: true, summary: `Port ${port} is free (${who})`, remedy: [] };
  const reason = error.code === 'EADDRINUSE' ? 'is in use' : `cannot be opened: ${error.message}`;
  return {
    ok: false,
    summary: `Port ${port} ${reason} (${who})`,
    remedy: [
      `Find the process: lsof -i :${port}   then stop it: kill <PID>`,
      `or run the chapter on another port: PORT=${port + 100} pnpm dev`,
    ],
  };
}
