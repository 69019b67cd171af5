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
