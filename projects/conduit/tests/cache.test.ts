import request from 'supertest';
import { countQueries, type QueryCounter } from '@course/platform/database';
import { createArticle, registerUser, useConduit } from './support/conduit';

const conduit = useConduit();
let queries: QueryCounter;
beforeAll(() => {
  queries = countQueries(conduit.pool);
});

/** An anonymous GET, and how many queries it sent to PostgreSQL. */
async function anonymous(path: string) {
  queries.reset();
  const response = await request(conduit.app).get(path).expect(200);
  return { body: response.body, queries: queries.count };
}

describe('Anonymous reads are cached on Redis, and every write that changes them retires them', () => {
  it('When one article, a page of articles and the tags are read twice, then the second reads send no query', async () => {
    const { token } = await registerUser(conduit.app, 'cached');
    const { slug } = await createArticle(conduit.app, token, { tagList: ['cached'] });

    for (const path of [`/api/articles/${slug}`, '/api/articles?tag=cached&limit=5', '/api/tags']) {
      const first = await anonymous(path);
      const second = await anonymous(path);
      expect(first.queries).toBeGreaterThan(0);
      expect(second.queries).toBe(0);
      expect(second.body).toEqual(first.body);
    }
  });

  it('When the same page is asked for in other spellings or with unknown parameters, then it is cached once: keys come from the validated query', async () => {
    const { token } = await registerUser(conduit.app, 'spelt');
    await createArticle(conduit.app, token, { tagList: ['spelt'] });
    const entries = async () => (await conduit.redis.client.keys(`${conduit.redis.prefix}public:*`)).length;
    const before = await entries();
    const spellings = [
      'tag=spelt&limit=5',
      'limit=5&tag=spelt',
      'tag=spelt&limit=05',
      'tag=spelt&limit=5&offset=0',
      'tag=spelt&limit=5&junk=1',
      'tag=spelt&limit=5&junk=2',
    ];
    const answers = [];
    for (const query of spellings) answers.push(await anonymous(`/api/articles?${query}`));
    expect(await entries()).toBe(before + 1);
    expect(answers.slice(1).every((answer) => answer.queries === 0)).toBe(true);
  });

  it('When an anonymous reader sends back the ETag of a cached answer, then the answer is 304 without a body', async () => {
    const { token } = await registerUser(conduit.app, 'etag');
    const { slug } = await createArticle(conduit.app, token);
    const first = await request(conduit.app).get(`/api/articles/${slug}`).expect(200);
    const etag = first.headers['etag'] as string;
    expect(etag).toMatch(/^W\/"/);
    const again = await request(conduit.app).get(`/api/articles/${slug}`).set('If-None-Match', etag);
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
  });

  it('When an article is changed, favourited or deleted, then the very next anonymous read shows it', async () => {
    const author = await registerUser(conduit.app, 'writer');
    const reader = await registerUser(conduit.app, 'fan');
    const { slug } = await createArticle(conduit.app, author.token, { title: 'Before', tagList: ['retire'] });
    expect((await anonymous(`/api/articles/${slug}`)).body.article.title).toBe('Before');
    expect((await anonymous('/api/articles?tag=retire')).body.articlesCount).toBe(1);

    await request(conduit.app)
      .put(`/api/articles/${slug}`)
      .set('Authorization', `Token ${author.token}`)
      .send({ article: { description: 'After' } })
      .expect(200);
    expect((await anonymous(`/api/articles/${slug}`)).body.article.description).toBe('After');

    await request(conduit.app)
      .post(`/api/articles/${slug}/favorite`)
      .set('Authorization', `Token ${reader.token}`)
      .expect(200);
    expect((await anonymous(`/api/articles/${slug}`)).body.article.favoritesCount).toBe(1);
    expect((await anonymous('/api/articles?tag=retire')).body.articles[0].favoritesCount).toBe(1);

    await request(conduit.app)
      .delete(`/api/articles/${slug}`)
      .set('Authorization', `Token ${author.token}`)
      .expect(204);
    expect((await anonymous('/api/articles?tag=retire')).body.articlesCount).toBe(0);
    await request(conduit.app).get(`/api/articles/${slug}`).expect(404);
  });

  it('When a new article brings a new tag, or its author renames themself, then the tags and the articles show it at once', async () => {
    const author = await registerUser(conduit.app, 'renamer');
    const { slug } = await createArticle(conduit.app, author.token, { tagList: ['first-tag'] });
    expect((await anonymous('/api/tags')).body.tags).toContain('first-tag');
    expect((await anonymous(`/api/articles/${slug}`)).body.article.author.username).toBe(author.username);

    await createArticle(conduit.app, author.token, { tagList: ['brand-new-tag'] });
    expect((await anonymous('/api/tags')).body.tags).toContain('brand-new-tag');

    // Cached in the current generation, so that only the rename itself can retire it.
    expect((await anonymous(`/api/articles/${slug}`)).body.article.author.username).toBe(author.username);
    const renamed = `${author.username}x`;
    await request(conduit.app)
      .put('/api/user')
      .set('Authorization', `Token ${author.token}`)
      .send({ user: { username: renamed } })
      .expect(200);
    expect((await anonymous(`/api/articles/${slug}`)).body.article.author.username).toBe(renamed);
  });

  it('When a signed-in reader asks, then the answer is their own (favorited), never the anonymous one from the cache', async () => {
    const author = await registerUser(conduit.app, 'own');
    const fan = await registerUser(conduit.app, 'ownfan');
    const { slug } = await createArticle(conduit.app, author.token);
    await request(conduit.app)
      .post(`/api/articles/${slug}/favorite`)
      .set('Authorization', `Token ${fan.token}`)
      .expect(200);
    expect((await anonymous(`/api/articles/${slug}`)).body.article.favorited).toBe(false);

    const own = await request(conduit.app)
      .get(`/api/articles/${slug}`)
      .set('Authorization', `Token ${fan.token}`)
      .expect(200);
    expect(own.body.article.favorited).toBe(true);
  });

  it('When a read races a write, then no stale answer is served after the write has returned', async () => {
    const author = await registerUser(conduit.app, 'racer');
    const { slug } = await createArticle(conduit.app, author.token, { description: 'v0' });
    for (let version = 1; version <= 5; version++) {
      // Anonymous reads in flight while the write commits: whatever they cache belongs to the old generation.
      const reads = Array.from({ length: 5 }, () => request(conduit.app).get(`/api/articles/${slug}`));
      await request(conduit.app)
        .put(`/api/articles/${slug}`)
        .set('Authorization', `Token ${author.token}`)
        .send({ article: { description: `v${version}` } })
        .expect(200);
      await Promise.all(reads);
      expect((await anonymous(`/api/articles/${slug}`)).body.article.description).toBe(`v${version}`);
    }
  });
});
