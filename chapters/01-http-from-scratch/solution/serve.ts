import { createServer } from './http/http.server';
import type { Handler } from './http/http.types';

/** Listens on `port` until SIGTERM or SIGINT, then lets requests in progress finish before exiting. */
export async function serve(name: string, handler: Handler, port: number): Promise<void> {
  const server = createServer(handler);
  const actualPort = await server.listen(port);
  console.log(`${name} listening on http://127.0.0.1:${actualPort}`);
  const stop = (signal: NodeJS.Signals): void => {
    console.log(`${signal} received, closing`);
    server.close().then(
      () => console.log('closed'),
      (error: unknown) => {
        console.error(error);
        process.exitCode = 1;
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
