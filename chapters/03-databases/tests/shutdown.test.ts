import type http from 'node:http';
import { scaffold } from '@course/test-harness';
import { createApp } from '@target/app';
import { connectDatabase, type Database } from '@target/database';
import { startServer } from '@course/platform/server';
import { API, insertBooks, memoryLogger, useBookstore } from './support';

const { db } = useBookstore();

let database: Database;
beforeEach(() => {
  database = connectDatabase({ url: db.url, poolSize: 2, logger: memoryLogger().logger });
});
afterEach(async () => {
  if (!database.pool.ending) await database.close();
});

async function start(app: http.RequestListener) {
  return startServer({
    app,
    port: 0,
    logger: memoryLogger().logger,
    shutdownTimeoutMs: 5_000,
    onClose: () => database.close(),
  });
}

scaffold('graceful shutdown with a database', () => {
  it('When the server has closed, then the database pool is ended and holds no connection', async () => {
    const running = await start(createApp({ database, logger: memoryLogger().logger }));
    const res = await fetch(`http://127.0.0.1:${running.port}${API}/authors`);
    expect(res.status).toBe(200);
    expect(database.pool.totalCount).toBeGreaterThan(0);
    await running.close();
    expect({ ended: database.pool.ended, connections: database.pool.totalCount }).toEqual({
      ended: true,
      connections: 0,
    });
  });

  it('When a request is in flight as shutdown begins, then it still gets its data, and the pool closes after it', async () => {
    await insertBooks(db, [{ title: 'The Dispossessed', author: 'Ursula K. Le Guin' }]);
    const app = createApp({ database, logger: memoryLogger().logger });
    let arrived = (): void => {};
    const requestArrived = new Promise<void>((resolve) => (arrived = resolve));
    // The request reaches the app only after close() has begun, as a slow request would.
    const running = await start((req, res) => {
      arrived();
      setTimeout(() => app(req, res), 100);
    });
    const answer = fetch(`http://127.0.0.1:${running.port}${API}/authors`);
    await requestArrived;
    await running.close();
    const res = await answer;
    expect(res.status).toBe(200);
    expect(((await res.json()) as { page: { total: number } }).page.total).toBe(1);
    expect(database.pool.ended).toBe(true);
  });
});
