import request from 'supertest';
import { createArticle, registerUser, useConduit } from './support/conduit';

const conduit = useConduit();

describe('Concurrent writes', () => {
  it('When 10 articles with one title are created at once, then all are 201 with 10 distinct slugs', async () => {
    const { token } = await registerUser(conduit.app, 'writer');
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        request(conduit.app)
          .post('/api/articles')
          .set('Authorization', `Token ${token}`)
          .send({
            article: { title: 'Same Title', description: 'd', body: 'b', tagList: ['race', 'new-tag'] },
          }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(201));
    const slugs = responses.map((r) => r.body.article.slug as string);
    expect(new Set(slugs).size).toBe(10);
    expect(slugs).toContain('same-title');
    for (const slug of slugs) expect(slug).toMatch(/^same-title(-[0-9a-f]{8})?$/);
    // Ten articles introduced the same two new tags at once: one row each.
    const { rows } = await conduit.db.query(`SELECT name FROM tags WHERE name IN ('race', 'new-tag')`);
    expect(rows).toHaveLength(2);
  });

  it('When one user favourites an article 20 times at once, then it counts once', async () => {
    const author = await registerUser(conduit.app, 'author');
    const fan = await registerUser(conduit.app, 'fan');
    const { slug } = await createArticle(conduit.app, author.token);
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        request(conduit.app)
          .post(`/api/articles/${slug}/favorite`)
          .set('Authorization', `Token ${fan.token}`),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    const article = await request(conduit.app).get(`/api/articles/${slug}`).expect(200);
    expect(article.body.article.favoritesCount).toBe(1);
  });

  it('When 8 users favourite and then unfavourite one article at once, then the count goes to 8 and back to 0', async () => {
    const author = await registerUser(conduit.app, 'author');
    const { slug } = await createArticle(conduit.app, author.token);
    const fans = await Promise.all(Array.from({ length: 8 }, () => registerUser(conduit.app, 'fan')));
    const send = (method: 'post' | 'delete', token: string) =>
      request(conduit.app)[method](`/api/articles/${slug}/favorite`).set('Authorization', `Token ${token}`);

    await Promise.all(fans.flatMap((fan) => [send('post', fan.token), send('post', fan.token)]));
    expect((await request(conduit.app).get(`/api/articles/${slug}`)).body.article.favoritesCount).toBe(8);

    await Promise.all(fans.flatMap((fan) => [send('delete', fan.token), send('delete', fan.token)]));
    expect((await request(conduit.app).get(`/api/articles/${slug}`)).body.article.favoritesCount).toBe(0);
  });

  it('When a user follows another 10 times at once, then there is one follow and the feed lists each article once', async () => {
    const reader = await registerUser(conduit.app, 'reader');
    const writer = await registerUser(conduit.app, 'writer');
    await createArticle(conduit.app, writer.token, { title: 'Followed once' });
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        request(conduit.app)
          .post(`/api/profiles/${writer.username}/follow`)
          .set('Authorization', `Token ${reader.token}`),
      ),
    );
    expect(responses.every((r) => r.status === 200 && r.body.profile.following === true)).toBe(true);
    const { rows } = await conduit.db.query('SELECT count(*)::int AS n FROM follows');
    expect(rows[0]?.n).toBe(1);
    const feed = await request(conduit.app)
      .get('/api/articles/feed')
      .set('Authorization', `Token ${reader.token}`);
    expect(feed.body.articlesCount).toBe(1);
  });

  it('When 6 registrations with one username arrive at once, then one is 201 and the others 409, never 500', async () => {
    const responses = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        request(conduit.app)
          .post('/api/users')
          .send({ user: { username: 'samename', email: `same${i}@test.example`, password: 'password123' } }),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409]);
    for (const r of responses.filter((r) => r.status === 409)) {
      expect(r.body).toEqual({ errors: { username: ['has already been taken'] } });
    }
  });
});
