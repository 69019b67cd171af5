import { exercise } from '@course/test-harness';
import { Redis } from 'ioredis';
import { relayOutbox } from '@target/outbox/outbox.relay';
import { ReliableQueue } from '@target/queue/reliable-queue';
import { reportJobHandler } from '@target/reports/report.job';
import { ReportService } from '@target/reports/report.service';
import { freePort } from '@course/test-harness/ports';
import { reportFiles, startWorker, useQueueTest, waitFor } from './support';

const { db, makeQueue } = useQueueTest();

async function outboxRows() {
  const { rows } = await db.query<{ job_id: string; relayed: boolean }>(
    'SELECT job_id, relayed_at IS NOT NULL AS relayed FROM outbox ORDER BY id',
  );
  return rows;
}

exercise('6.6', () => {
  it('When a report is requested, then its row and its job are written together, and nothing reaches Redis yet', async () => {
    const queue = makeQueue();
    const { id, created } = await new ReportService(db.pool, queue.name).request('stock');
    expect(created).toBe(true);
    const report = await db.query('SELECT kind FROM reports WHERE id = $1', [id]);
    expect(report.rows).toEqual([{ kind: 'stock' }]);
    const outbox = await db.query('SELECT job_id, queue, name, payload FROM outbox');
    expect(outbox.rows).toEqual([
      { job_id: id, queue: queue.name, name: 'build-report', payload: { reportId: id, kind: 'stock' } },
    ]);
    expect(await queue.counts()).toEqual({ ready: 0, processing: 0, delayed: 0, dead: 0 });
  });

  it('When the same Idempotency-Key comes twice, then the second request returns the first report', async () => {
    const service = new ReportService(db.pool, 'reports');
    const first = await service.request('stock', 'key-1');
    const second = await service.request('stock', 'key-1');
    expect(second).toEqual({ id: first.id, created: false });
    expect(await outboxRows()).toHaveLength(1);
  });

  it('When ten requests with one Idempotency-Key race, then one report and one job exist', async () => {
    const service = new ReportService(db.pool, 'reports');
    const results = await Promise.all(Array.from({ length: 10 }, () => service.request('authors', 'key-2')));
    expect(new Set(results.map((result) => result.id)).size).toBe(1);
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(await outboxRows()).toHaveLength(1);
  });

  it('When an Idempotency-Key comes back with a different request, then it is refused', async () => {
    const service = new ReportService(db.pool, 'reports');
    await service.request('stock', 'key-3');
    await expect(service.request('authors', 'key-3')).rejects.toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
    });
    expect(await outboxRows()).toHaveLength(1);
  });

  it('When Redis is down, then the relay keeps the job, and moves it once Redis is back', async () => {
    const queue = makeQueue();
    const { id } = await new ReportService(db.pool, queue.name).request('stock');
    const down = new Redis(`redis://127.0.0.1:${await freePort()}`, {
      lazyConnect: true,
      retryStrategy: () => null,
      maxRetriesPerRequest: 0,
    });
    down.on('error', () => {});
    try {
      const unreachable = new ReliableQueue({ redis: down, name: queue.name });
      await expect(relayOutbox(db.pool, unreachable)).rejects.toThrow();
      expect(await outboxRows()).toEqual([{ job_id: id, relayed: false }]);
    } finally {
      // A client that has given up is closed already; disconnecting it again would leave ioredis's 2 s timer
      // for a socket that never sends another 'close', and jest would wait for it.
      if (down.status !== 'end') down.disconnect();
    }

    expect(await relayOutbox(db.pool, queue)).toBe(1);
    expect(await outboxRows()).toEqual([{ job_id: id, relayed: true }]);
    expect(await queue.getJob(id)).toMatchObject({ name: 'build-report', state: 'waiting' });
    expect(await relayOutbox(db.pool, queue)).toBe(0);
  });

  it('When the relay dies after enqueueing and before marking the rows, then the next round adds no second job', async () => {
    const queue = makeQueue();
    const { id } = await new ReportService(db.pool, queue.name).request('stock');
    // The first relay's enqueue reached Redis; its commit never happened.
    await queue.enqueue('build-report', { reportId: id, kind: 'stock' }, { id });
    expect(await relayOutbox(db.pool, queue)).toBe(1);
    expect(await queue.counts()).toMatchObject({ ready: 1 });
  });

  it('When a request goes through relay and worker, then the report is built once', async () => {
    const queue = makeQueue();
    await db.query("INSERT INTO books (title, author, stock) VALUES ('Kindred', 'Octavia E. Butler', 3)");
    const { id } = await new ReportService(db.pool, queue.name).request('stock');
    await relayOutbox(db.pool, queue);
    await startWorker({ queue, handler: reportJobHandler({ pool: db.pool }) });
    await waitFor('the report', async () => (await queue.getJob(id))?.state === 'completed');
    expect((await queue.getJob(id))?.result).toEqual({ kind: 'stock', titles: 1, copies: 3, outOfStock: 0 });
    expect(await reportFiles(db)).toEqual({ total: 1, jobs: 1 });
  });
});
