import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { exercise, scaffold } from '@course/test-harness';
import { useTestDatabase } from '@course/test-harness/postgres';
import request from 'supertest';
import { testApp } from './app';
import { MIGRATIONS } from './support';

const db = useTestDatabase({ migrationsDir: MIGRATIONS });

interface Series {
  labels: Record<string, string | number>;
  value: number;
  metricName?: string;
}

async function durationCounts(metrics: ReturnType<typeof testApp>['metrics']): Promise<Series[]> {
  const { values } = await metrics.requestDuration.get();
  return values.filter((v) => v.metricName === 'http_request_duration_seconds_count');
}

scaffold('the metrics endpoint', () => {
  it('When Prometheus scrapes /metrics, then it gets the text format with the default process metrics', async () => {
    const { app } = testApp(db.pool, []);
    const res = await request(app).get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.text).toContain('process_cpu_user_seconds_total');
    expect(res.text).toContain('nodejs_eventloop_lag_seconds');
  });
});

exercise('7.4', () => {
  it('When books are read by id, then the histogram counts them under the route pattern, not the URL', async () => {
    await db.query(`INSERT INTO books (title, isbn) VALUES ('Dune', '9780441013593')`);
    const { rows } = await db.query<{ id: number }>('SELECT id FROM books');
    const { app, metrics } = testApp(db.pool, []);
    await request(app).get(`/api/v1/books/${rows[0]!.id}`).expect(200);
    await request(app).get('/api/v1/books/999999').expect(404);
    await request(app).get('/api/v1/books/999998').expect(404);

    const series = await durationCounts(metrics);
    expect(series).toEqual(
      expect.arrayContaining([
        {
          labels: { method: 'GET', route: '/books/:id', status_code: '200' },
          value: 1,
          metricName: expect.any(String),
        },
        {
          labels: { method: 'GET', route: '/books/:id', status_code: '404' },
          value: 2,
          metricName: expect.any(String),
        },
      ]),
    );
    const scrape = await request(app).get('/metrics');
    expect(scrape.text).toContain(
      'http_request_duration_seconds_bucket{le="0.005",method="GET",route="/books/:id"',
    );
  });

  it('When 200 random URLs are requested, then the label set stays bounded', async () => {
    const { app, metrics } = testApp(db.pool, []);
    const server = app.listen(0);
    await once(server, 'listening');
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // A label per URL would make 200 series where the route pattern makes two; more requests would show the same
    // difference, only later.
    try {
      // 20 at a time over keep-alive connections.
      for (let batch = 0; batch < 10; batch++) {
        await Promise.all(
          Array.from({ length: 20 }, async (_, i) => {
            const junk = randomBytes(6).toString('hex');
            const url = i % 2 === 0 ? `/api/v1/books/${junk}` : `/${junk}/${batch}`;
            await (await fetch(base + url)).arrayBuffer();
          }),
        );
      }
    } finally {
      server.closeAllConnections();
      server.close();
    }
    const series = await durationCounts(metrics);
    const total = series.reduce((sum, s) => sum + s.value, 0);
    expect(total).toBe(200);
    expect(series.map((s) => s.labels.route).sort()).toEqual(['/books/:id', 'unmatched']);
    expect(series.length).toBeLessThanOrEqual(4);
    // Well under a second on an idle machine; the limit leaves room for a busy CI runner.
  }, 30_000);

  it('When a request takes time, then its duration is observed in seconds', async () => {
    const { app, metrics } = testApp(db.pool, []);
    await request(app).get('/api/v1/books');
    const { values } = await metrics.requestDuration.get();
    const sum = values.find((v) => v.metricName === 'http_request_duration_seconds_sum');
    expect(sum?.value).toBeGreaterThan(0);
    expect(sum?.value).toBeLessThan(5);
  });
});
