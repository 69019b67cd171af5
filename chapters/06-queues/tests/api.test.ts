import { randomUUID } from 'node:crypto';
import SwaggerParser from '@apidevtools/swagger-parser';
import { createLogger } from '@course/platform/logging';
import { exercise, scaffold } from '@course/test-harness';
import { memoryLogger } from '@course/test-harness/logs';
import { expectProblem } from '@course/test-harness/problems';
import { Redis } from 'ioredis';
import request from 'supertest';
import { createApp } from '@target/app';
import { relayOutbox } from '@target/outbox/outbox.relay';
import { ReliableQueue } from '@target/queue/reliable-queue';
import { reportJobHandler } from '@target/reports/report.job';
import { freePort } from '@course/test-harness/ports';
import { startWorker, useQueueTest, waitFor, waitForDeadLetter } from './support';

const { db, makeQueue } = useQueueTest();
const API = '/api/v1';
const TYPES = 'https://bookstore.example/problems/';

function makeApp(queue = makeQueue()) {
  const { logger, logs } = memoryLogger(createLogger);
  return { app: createApp({ pool: db.pool, queue, logger }), queue, logs };
}

scaffold('the API and its documentation', () => {
  it('When /openapi.json is fetched, then it is a valid OpenAPI document with the jobs API', async () => {
    const { app } = makeApp();
    const res = await request(app).get('/openapi.json').expect(200);
    const document = (await SwaggerParser.validate(structuredClone(res.body))) as { paths: object };
    expect(Object.keys(document.paths).sort()).toEqual([
      '/dead-letters',
      '/dead-letters/{jobId}/replay',
      '/jobs/{jobId}',
      '/reports',
    ]);
    await request(app).get('/docs/').expect(200).expect('Content-Type', /html/);
  });

  it('When a job id is unknown or not a UUID, then 404 problem+json', async () => {
    const { app } = makeApp();
    expectProblem(
      await request(app).get(`${API}/jobs/0b8f1c5e-2a47-4a3e-9d0c-2f6b8f7e1a11`),
      404,
      'JOB_NOT_FOUND',
      {
        typeBase: TYPES,
      },
    );
    expectProblem(await request(app).get(`${API}/jobs/%00nope`), 404, 'JOB_NOT_FOUND', { typeBase: TYPES });
  });

  it('When a report kind is unknown or missing, then 422 problem+json', async () => {
    const { app } = makeApp();
    for (const body of [{ kind: 'sales' }, {}, { kind: 'stock', extra: 1 }]) {
      expectProblem(await request(app).post(`${API}/reports`).send(body), 422, 'VALIDATION_FAILED');
    }
    expect((await db.query('SELECT count(*)::int AS n FROM outbox')).rows[0]).toEqual({ n: 0 });
  });
});

exercise('6.6', () => {
  it('When a report is requested, then 202 Accepted with a Location whose job goes pending, waiting, completed', async () => {
    const { app, queue } = makeApp();
    const res = await request(app).post(`${API}/reports`).send({ kind: 'stock' }).expect(202);
    const location = res.headers.location!;
    expect(location).toMatch(new RegExp(`^${API}/jobs/[0-9a-f-]{36}$`));
    expect(res.body).toEqual({ jobId: location.split('/').pop(), statusUrl: location });

    expect((await request(app).get(location).expect(200)).body).toMatchObject({
      state: 'pending',
      attempts: 0,
    });
    await relayOutbox(db.pool, queue);
    expect((await request(app).get(location).expect(200)).body).toMatchObject({
      name: 'build-report',
      state: 'waiting',
    });
    await startWorker({ queue, handler: reportJobHandler({ pool: db.pool }) });
    await waitFor('completion', async () => (await request(app).get(location)).body.state === 'completed');
    expect((await request(app).get(location)).body).toMatchObject({
      attempts: 1,
      result: { kind: 'stock', titles: 0, copies: 0, outOfStock: 0 },
      finishedAt: expect.any(String),
    });
  });

  it('When a request is repeated with its Idempotency-Key, then it gets the same job', async () => {
    const { app } = makeApp();
    const send = () =>
      request(app).post(`${API}/reports`).set('Idempotency-Key', 'order-42').send({ kind: 'authors' });
    const first = await send().expect(202);
    const again = await send().expect(202);
    expect(again.headers.location).toBe(first.headers.location);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect((await db.query('SELECT count(*)::int AS n FROM outbox')).rows[0]).toEqual({ n: 1 });
  });

  it('When an Idempotency-Key comes back with another body, or is malformed, then 422 problem+json', async () => {
    const { app } = makeApp();
    await request(app)
      .post(`${API}/reports`)
      .set('Idempotency-Key', 'k-1')
      .send({ kind: 'stock' })
      .expect(202);
    const reused = await request(app)
      .post(`${API}/reports`)
      .set('Idempotency-Key', 'k-1')
      .send({ kind: 'authors' });
    expectProblem(reused, 422, 'IDEMPOTENCY_KEY_REUSED', { typeBase: TYPES });
    const malformed = await request(app)
      .post(`${API}/reports`)
      .set('Idempotency-Key', 'has space')
      .send({ kind: 'stock' });
    expectProblem(malformed, 422, 'VALIDATION_FAILED');
  });

  it('When Redis is down at request time, then the request still gets its 202 and the job waits in the outbox', async () => {
    const down = new Redis(`redis://127.0.0.1:${await freePort()}`, {
      lazyConnect: true,
      enableOfflineQueue: false,
      retryStrategy: () => null,
    });
    down.on('error', () => {});
    try {
      const { app } = makeApp(new ReliableQueue({ redis: down, name: 'reports' }));
      const res = await request(app).post(`${API}/reports`).send({ kind: 'stock' }).expect(202);
      const { rows } = await db.query('SELECT job_id FROM outbox WHERE relayed_at IS NULL');
      expect(rows).toEqual([{ job_id: res.body.jobId }]);
    } finally {
      down.disconnect();
    }
  });
});

exercise('6.4', () => {
  it('When a job is dead-lettered, then the API lists it, and replaying it runs it again', async () => {
    const queue = makeQueue({ maxAttempts: 1 });
    const { app } = makeApp(queue);
    // Straight onto the queue: POST /reports goes through the outbox, which is 6.6.
    const id = await queue.enqueue('build-report', { reportId: randomUUID(), kind: 'stock' });
    let broken = true;
    await startWorker({
      queue,
      handler: async () => {
        if (broken) throw new Error('the report store is down');
        return { stored: true };
      },
    });
    await waitForDeadLetter(queue, id, 1);

    const list = await request(app).get(`${API}/dead-letters`).expect(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({ id, state: 'dead', attempts: 1, error: 'the report store is down' }),
    ]);
    broken = false;
    const replay = await request(app).post(`${API}/dead-letters/${id}/replay`).expect(202);
    expect(replay.headers.location).toBe(`${API}/jobs/${id}`);
    await waitFor('completion', async () => (await queue.getJob(id))?.state === 'completed');
    expect((await request(app).get(`${API}/dead-letters`)).body.items).toEqual([]);
  });

  it('When a job that is not dead is replayed, then 404 problem+json', async () => {
    const { app } = makeApp();
    const res = await request(app).post(`${API}/dead-letters/0b8f1c5e-2a47-4a3e-9d0c-2f6b8f7e1a11/replay`);
    expectProblem(res, 404, 'DEAD_LETTER_NOT_FOUND', { typeBase: TYPES });
    expectProblem(await request(app).get(`${API}/dead-letters?limit=0`), 422, 'VALIDATION_FAILED');
  });
});
