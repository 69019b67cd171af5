// Serves one PGlite data directory over the PostgreSQL wire protocol on a free local port, for a parent process
// that talks to it with pg or Prisma. It prints {"port": N} once it listens, and stops when its stdin closes, so
// it never outlives the process that started it, even one that was killed.
import { PGlite } from '@electric-sql/pglite';
import { citext } from '@electric-sql/pglite/contrib/citext';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const [dataDir, port = '0'] = process.argv.slice(2);
if (!dataDir) {
  console.error('usage: embedded-server.mjs <data directory> [port]');
  process.exit(2);
}

const db = await PGlite.create({ dataDir, extensions: { citext, pg_trgm, pgcrypto } });
const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: Number(port), maxConnections: 200 });
keepExchangesTogether(server);
await server.start();

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await server.stop();
  // Closing flushes the data directory, so the next server on it sees every committed row.
  await db.close();
  process.exit(0);
}
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

process.stdout.write(`${JSON.stringify({ port: Number(server.getServerConn().split(':').pop()) })}\n`);

/**
 * pglite-socket runs the messages of all connections through one queue, one message at a time, and keeps a
 * connection's messages together only inside an explicit transaction. The extended query protocol (Parse, Bind,
 * Describe, Execute, Close, Flush, then Sync), which pg uses for every parameterised query, also needs its
 * messages together: interleaved with another connection's, a Bind meets the other connection's Parse ("bind
 * message supplies 1 parameters, but prepared statement requires 2"). This replaces the queue's loop with one that
 * keeps serving a connection from its first extended-protocol message until its Sync. It also keeps going after a
 * failed message, where the original loop stopped for good.
 */
function keepExchangesTogether(socketServer) {
  const queue = socketServer.queryQueue;
  if (!queue || typeof queue.processQueue !== 'function') {
    throw new Error('pglite-socket changed: its query queue is not where this server expects it');
  }
  const EXCHANGE = new Set(['P', 'B', 'D', 'E', 'C', 'H']);
  let pinned = null;

  queue.processQueue = async function processQueue() {
    if (this.processing) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        const owner = pinned ?? (this.db.isInTransaction() ? this.lastHandlerId : null);
        const index = owner === null ? 0 : this.queue.findIndex((item) => item.handlerId === owner);
        if (index === -1) break; // the owner's next message has not arrived yet
        const [item] = this.queue.splice(index, 1);
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(item.message, {
              onRawData: (data) => {
                bytes += data.length;
                item.onData(data);
              },
            }),
          );
        } catch (error) {
          pinned = null;
          item.reject(error);
          continue;
        }
        pinned = EXCHANGE.has(String.fromCharCode(item.message[0])) ? item.handlerId : null;
        this.lastHandlerId = item.handlerId;
        item.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  };

  // A connection that goes away in the middle of an exchange must not hold the others up.
  const clear = queue.clearQueueForHandler.bind(queue);
  queue.clearQueueForHandler = (handlerId) => {
    clear(handlerId);
    if (pinned === handlerId) {
      pinned = null;
      void queue.processQueue();
    }
  };
}
