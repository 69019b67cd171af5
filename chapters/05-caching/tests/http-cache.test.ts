import { exercise } from '@course/test-harness';
import express from 'express';
import request from 'supertest';
import { etagOf, ifNoneMatchMatches } from '@target/http/etag';
import { httpCache, type HttpCachePolicy } from '@target/http/http-cache.middleware';

const POLICY: HttpCachePolicy = { maxAgeSeconds: 60, notFoundMaxAgeSeconds: 5 };

/** A small app whose responses the middleware decorates; the Bookstore's are checked in bookstore-cache.test.ts. */
function appWith(policy: HttpCachePolicy = POLICY) {
  let title = 'Dawn';
  const app = express();
  app.set('etag', false);
  app.use(httpCache(policy));
  app.get('/book', (_req, res) => {
    res.json({ title });
  });
  app.put('/book/:title', (req, res) => {
    title = req.params.title;
    res.json({ title });
  });
  app.get('/missing', (_req, res) => {
    res.status(404).json({ code: 'BOOK_NOT_FOUND' });
  });
  app.get('/broken', (_req, res) => {
    res.status(500).json({ code: 'INTERNAL' });
  });
  return app;
}

exercise('5.5', () => {
  it('When a GET succeeds, then it has a strong ETag, public Cache-Control and Vary: Authorization', async () => {
    const res = await request(appWith()).get('/book');
    expect(res.status).toBe(200);
    expect(res.headers.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    expect(res.headers.vary).toMatch(/\bAuthorization\b/);
  });

  it('When If-None-Match carries the current ETag, then the answer is 304 without a body', async () => {
    const app = appWith();
    const first = await request(app).get('/book');
    const again = await request(app).get('/book').set('If-None-Match', first.headers.etag!);
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(again.headers['cache-control']).toBe('public, max-age=60');
  });

  it('When If-None-Match lists the ETag among others, or weak, or "*", then it still matches', async () => {
    const app = appWith();
    const { etag } = (await request(app).get('/book')).headers as { etag: string };
    for (const header of [`"other", ${etag}`, `W/${etag}`, '*']) {
      const res = await request(app).get('/book').set('If-None-Match', header);
      expect({ header, status: res.status }).toEqual({ header, status: 304 });
    }
  });

  it('When the resource has changed, then the old ETag gets a 200 with the new body and a new ETag', async () => {
    const app = appWith();
    const before = await request(app).get('/book');
    await request(app).put('/book/Imago');
    const after = await request(app).get('/book').set('If-None-Match', before.headers.etag!);
    expect(after.status).toBe(200);
    expect(after.body).toEqual({ title: 'Imago' });
    expect(after.headers.etag).not.toBe(before.headers.etag);
  });

  it('When the request carries credentials, then the response is private to that caller', async () => {
    const res = await request(appWith()).get('/book').set('Authorization', 'Bearer some-token');
    expect(res.headers['cache-control']).toBe('private, max-age=60');
    expect(res.headers.vary).toMatch(/\bAuthorization\b/);
  });

  it('When the answer is 404, then it may be cached only briefly; when it is 5xx, never', async () => {
    const app = appWith();
    const missing = await request(app).get('/missing');
    expect(missing.headers['cache-control']).toBe('public, max-age=5');
    expect(missing.headers.etag).toBeUndefined();
    const broken = await request(app).get('/broken');
    expect(broken.headers['cache-control']).toBe('no-store');
    expect(broken.headers.etag).toBeUndefined();
  });

  it('When the request is not a GET, then the middleware leaves the response alone', async () => {
    const res = await request(appWith()).put('/book/Adulthood%20Rites');
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBeUndefined();
    expect(res.headers['cache-control']).toBeUndefined();
  });

  it('When the policy asks for weak ETags, then the tag starts with W/ and still gives 304', async () => {
    const app = appWith({ ...POLICY, weak: true });
    const first = await request(app).get('/book');
    expect(first.headers.etag).toMatch(/^W\/"[A-Za-z0-9_-]+"$/);
    const again = await request(app).get('/book').set('If-None-Match', first.headers.etag!);
    expect(again.status).toBe(304);
  });

  it('When bodies are equal, then so are their ETags; when they differ by a byte, the ETags differ', () => {
    expect(etagOf('{"a":1}')).toBe(etagOf(Buffer.from('{"a":1}')));
    expect(etagOf('{"a":1}')).not.toBe(etagOf('{"a":2}'));
    expect(etagOf('x', { weak: true })).toBe(`W/${etagOf('x')}`);
  });

  it('When If-None-Match is missing or lists only other tags, then it does not match; when it is *, it does', () => {
    expect(ifNoneMatchMatches(undefined, '"abc"')).toBe(false);
    expect(ifNoneMatchMatches('"abd"', '"abc"')).toBe(false);
    expect(ifNoneMatchMatches('"abc"', 'W/"abc"')).toBe(true);
    expect(ifNoneMatchMatches('*', '"abc"')).toBe(true);
    expect(ifNoneMatchMatches(' "x" ,  "abc" ', '"abc"')).toBe(true);
  });
});
