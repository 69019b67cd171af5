import { randomBytes } from 'node:crypto';
import express from 'express';
import request from 'supertest';
import { createMetrics, UNMATCHED_ROUTE } from './index';

function app() {
  const metrics = createMetrics();
  const api = express.Router();
  api.get('/books/:id', (req, res) => {
    res.status(req.params.id === '1' ? 200 : 404).json({});
  });
  const server = express().use(metrics.router).use(metrics.middleware).use('/api/v1', api);
  return { server, metrics };
}

async function series(metrics: ReturnType<typeof createMetrics>) {
  const { values } = await metrics.requestDuration.get();
  return values.filter((v) => v.metricName === 'http_request_duration_seconds_count');
}

describe('metrics', () => {
  it('When requests are served, then they are counted by route pattern and status', async () => {
    const { server, metrics } = app();
    await request(server).get('/api/v1/books/1').expect(200);
    await request(server).get('/api/v1/books/2').expect(404);
    await request(server).get('/api/v1/books/3').expect(404);
    expect((await series(metrics)).map((s) => [s.labels.route, s.labels.status_code, s.value])).toEqual(
      expect.arrayContaining([
        ['/books/:id', '200', 1],
        ['/books/:id', '404', 2],
      ]),
    );
  });

  it('When 200 random URLs are requested, then the label set stays bounded', async () => {
    const { server, metrics } = app();
    for (let i = 0; i < 200; i++) {
      const junk = randomBytes(4).toString('hex');
      await request(server).get(i % 2 ? `/api/v1/books/${junk}` : `/${junk}`);
    }
    const routes = new Set((await series(metrics)).map((s) => s.labels.route));
    expect([...routes].sort()).toEqual(['/books/:id', UNMATCHED_ROUTE]);
  });

  it('When Prometheus scrapes, then /metrics has the default metrics and the histogram', async () => {
    const { server } = app();
    const res = await request(server).get('/metrics').expect(200);
    expect(res.text).toContain('process_cpu_user_seconds_total');
    expect(res.text).toContain('# TYPE http_request_duration_seconds histogram');
  });
});
