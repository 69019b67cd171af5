import request from 'supertest';
import { countQueries } from '@course/platform/database';
import { createArticle, registerUser, useConduit } from './support/conduit';

const conduit = useConduit();

describe('Lists, the feed and the documents', () => {
  it('When articles are listed, then they come newest first, paged in the database, without body', async () => {
    const { token, username } = await registerUser(conduit.app, 'pager');
    for (let i = 1; i <= 5; i++)
      await createArticle(conduit.app, token, { title: `Page ${i}`, tagList: ['paging'] });
    const page = await request(conduit.app)
      .get(`/api/articles?author=${username}&limit=2&offset=1`)
      .expect(200);
    expect(page.body.articlesCount).toBe(5);
    expect(page.body.articles.map((a: { title: string }) => a.title)).toEqual(['Page 4', 'Page 3']);
    expect(page.body.articles[0]).not.toHaveProperty('body');
    expect(page.body.articles[0].tagList).toEqual(['paging']);
  });

  it('When a page of 20 articles is listed, then it takes as many queries as a page of 2 (no N+1)', async () => {
    const authors = await Promise.all(Array.from({ length: 4 }, () => registerUser(conduit.app, 'many')));
    for (let i = 0; i < 20; i++) {
      await createArticle(conduit.app, (authors[i % 4] as { token: string }).token, {
        tagList: [`t${i % 3}`, 'n1'],
      });
    }
    const viewer = await registerUser(conduit.app, 'viewer');
    const counter = countQueries(conduit.pool);
    const queriesFor = async (limit: number) => {
      counter.reset();
      const response = await request(conduit.app)
        .get(`/api/articles?tag=n1&limit=${limit}`)
        .set('Authorization', `Token ${viewer.token}`)
        .expect(200);
      expect(response.body.articles).toHaveLength(limit);
      return counter.count;
    };
    const small = await queriesFor(2);
    const large = await queriesFor(20);
    expect(large).toBe(small);
    expect(large).toBeLessThanOrEqual(3);
  });

  it('When a user follows and favourites, then list fields reflect the viewer', async () => {
    const writer = await registerUser(conduit.app, 'writer');
    const reader = await registerUser(conduit.app, 'reader');
    const { slug } = await createArticle(conduit.app, writer.token, { title: 'Viewer view' });
    await request(conduit.app)
      .post(`/api/profiles/${writer.username}/follow`)
      .set('Authorization', `Token ${reader.token}`)
      .expect(200);
    await request(conduit.app)
      .post(`/api/articles/${slug}/favorite`)
      .set('Authorization', `Token ${reader.token}`)
      .expect(200);
    const feed = await request(conduit.app)
      .get('/api/articles/feed')
      .set('Authorization', `Token ${reader.token}`)
      .expect(200);
    expect(feed.body.articles[0]).toMatchObject({
      slug,
      favorited: true,
      favoritesCount: 1,
      author: { following: true },
    });
    const anonymous = await request(conduit.app)
      .get(`/api/articles?favorited=${reader.username}`)
      .expect(200);
    expect(anonymous.body.articles[0]).toMatchObject({
      slug,
      favorited: false,
      author: { following: false },
    });
    const self = await request(conduit.app)
      .post(`/api/profiles/${reader.username}/follow`)
      .set('Authorization', `Token ${reader.token}`);
    expect(self.status).toBe(422);
  });

  it('When a title changes, then the slug follows it; tags keep the order they were given', async () => {
    const { token } = await registerUser(conduit.app, 'editor');
    const { slug } = await createArticle(conduit.app, token, {
      title: 'First Title',
      tagList: ['zeta', 'alpha', 'zeta'],
    });
    const updated = await request(conduit.app)
      .put(`/api/articles/${slug}`)
      .set('Authorization', `Token ${token}`)
      .send({ article: { title: 'Second Title' } })
      .expect(200);
    expect(updated.body.article.slug).toBe('second-title');
    expect(updated.body.article.tagList).toEqual(['zeta', 'alpha']);
    await request(conduit.app).get(`/api/articles/${slug}`).expect(404);
  });

  it('When a deleted article had comments, favourites and tags, then they go with it and unused tags leave /tags', async () => {
    const counts = async () =>
      (
        await conduit.db.query(
          'SELECT (SELECT count(*) FROM comments)::int AS c, (SELECT count(*) FROM favorites)::int AS f',
        )
      ).rows[0];
    const before = await counts();
    const { token } = await registerUser(conduit.app, 'cleaner');
    const { slug } = await createArticle(conduit.app, token, { tagList: ['only-here'] });
    await request(conduit.app)
      .post(`/api/articles/${slug}/comments`)
      .set('Authorization', `Token ${token}`)
      .send({ comment: { body: 'hi' } })
      .expect(201);
    await request(conduit.app)
      .post(`/api/articles/${slug}/favorite`)
      .set('Authorization', `Token ${token}`)
      .expect(200);
    expect((await request(conduit.app).get('/api/tags')).body.tags).toContain('only-here');
    await request(conduit.app)
      .delete(`/api/articles/${slug}`)
      .set('Authorization', `Token ${token}`)
      .expect(204);
    expect((await request(conduit.app).get('/api/tags')).body.tags).not.toContain('only-here');
    expect(await counts()).toEqual(before);
  });

  it('When the documents are asked for, then /openapi.json describes every operation and /docs serves Swagger UI', async () => {
    const spec = await request(conduit.app).get('/openapi.json').expect(200);
    const operations = Object.values(spec.body.paths as Record<string, object>).flatMap((ops) =>
      Object.keys(ops),
    );
    expect(operations).toHaveLength(19);
    expect(spec.body.components.securitySchemes.Token).toMatchObject({
      type: 'apiKey',
      in: 'header',
      name: 'Authorization',
    });
    await request(conduit.app).get('/docs').expect(301);
    const ui = await request(conduit.app).get('/docs/').expect(200);
    expect(ui.text).toContain('swagger-ui');
  });

  it('When the probes are asked, then /livez and /readyz answer 200, and every request has an id in its log lines', async () => {
    await request(conduit.app).get('/livez').expect(200, { status: 'ok' });
    const ready = await request(conduit.app).get('/readyz').expect(200);
    expect(ready.body.checks).toEqual({ database: 'ok', redis: 'ok', shutdown: 'no' });
    const response = await request(conduit.app)
      .get('/api/articles/no-such-article')
      .set('X-Request-Id', 'trace-me-123');
    expect(response.headers['x-request-id']).toBe('trace-me-123');
    const lines = conduit.logs.filter((entry) => entry.requestId === 'trace-me-123');
    expect(lines.map((entry) => entry.message)).toEqual(expect.arrayContaining(['request rejected']));
  });
});
