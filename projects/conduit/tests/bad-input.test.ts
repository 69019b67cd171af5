import request from 'supertest';
import { createArticle, registerUser, useConduit } from './support/conduit';

const conduit = useConduit();
let token: string;
let slug: string;

beforeAll(async () => {
  ({ token } = await registerUser(conduit.app, 'fuzzer'));
  ({ slug } = await createArticle(conduit.app, token, { title: 'Target' }));
});

const auth = (req: request.Test) => req.set('Authorization', `Token ${token}`);

describe('Bad input gets a 4xx in the spec error shape, never a 500', () => {
  it.each([
    ['malformed JSON', '{"article":', 400, { body: ['is not valid JSON'] }],
    [
      'an unknown field',
      { article: { title: 't', description: 'd', body: 'b', admin: true } },
      422,
      { admin: ['is not a known field'] },
    ],
    [
      'a number for the title',
      { article: { title: 5, description: 'd', body: 'b' } },
      422,
      { title: ['is invalid'] },
    ],
    [
      'a blank tag',
      { article: { title: 't', description: 'd', body: 'b', tagList: ['ok', ''] } },
      422,
      { tagList: ["can't be blank"] },
    ],
    [
      'a string for tagList',
      { article: { title: 't', description: 'd', body: 'b', tagList: 'a' } },
      422,
      { tagList: ['is invalid'] },
    ],
    [
      'a NUL character',
      { article: { title: 'a\u0000b', description: 'd', body: 'b' } },
      422,
      { title: ['must not contain the NUL character (\\u0000)'] },
    ],
    [
      'a 201-character title',
      { article: { title: 'x'.repeat(201), description: 'd', body: 'b' } },
      422,
      { title: ['is too long (maximum is 200 characters)'] },
    ],
    [
      'a title of spaces',
      { article: { title: '   ', description: 'd', body: 'b' } },
      422,
      { title: ["can't be blank"] },
    ],
    [
      'no envelope',
      { title: 't', description: 'd', body: 'b' },
      422,
      { title: ['is not a known field'], article: ["can't be blank"] },
    ],
  ])(
    'When an article is created with %s, then it is refused and the field is named',
    async (_name, body, status, errors) => {
      const req = auth(request(conduit.app).post('/api/articles')).set('Content-Type', 'application/json');
      const response = await req.send(typeof body === 'string' ? body : JSON.stringify(body));
      expect(response.status).toBe(status);
      expect(response.body).toEqual({ errors });
    },
  );

  it.each([
    ['/api/articles?limit=abc', { limit: ['must be an integer'] }],
    ['/api/articles?limit=0', { limit: ['is out of range (min 1)'] }],
    ['/api/articles?limit=1000', { limit: ['is out of range (max 100)'] }],
    ['/api/articles?offset=-1', { offset: ['is out of range (min 0)'] }],
    ['/api/articles?offset=99999999999999999999', { offset: ['is out of range (max 1000000)'] }],
    ['/api/articles?tag=a%00b', { tag: ['must not contain the NUL character (\\u0000)'] }],
  ])('When GET %s, then 422 names the parameter', async (url, errors) => {
    const response = await request(conduit.app).get(url);
    expect(response.status).toBe(422);
    expect(response.body).toEqual({ errors });
  });

  it('When a comment id is not an integer or too large, then 422', async () => {
    for (const id of ['abc', '1.5', '99999999999']) {
      const response = await auth(request(conduit.app).delete(`/api/articles/${slug}/comments/${id}`));
      expect(response.status).toBe(422);
      expect(Object.keys(response.body.errors)).toEqual(['id']);
    }
  });

  it('When the body is a form, then 415; when it is too large, then 413', async () => {
    const form = await auth(request(conduit.app).post('/api/articles')).type('form').send('title=x');
    expect(form.status).toBe(415);
    const huge = await auth(request(conduit.app).post('/api/articles')).send({
      article: { title: 't', description: 'd', body: 'x'.repeat(300_000) },
    });
    expect(huge.status).toBe(413);
    expect(huge.body).toEqual({ errors: { body: ['is too large'] } });
  });

  it('When a path is badly percent-encoded, unknown, or used with the wrong method, then 400, 404 and 405', async () => {
    expect((await request(conduit.app).get('/api/articles/%E0%A4%A')).status).toBe(400);
    const unknown = await request(conduit.app).get('/api/nothing-here');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ errors: { route: ['not found'] } });
    const wrongMethod = await request(conduit.app).patch('/api/articles');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.allow).toBe('GET, POST, HEAD');
  });

  it('When slugs and usernames hold odd characters, then 404, not an error', async () => {
    for (const path of [
      '/api/articles/%F0%9F%92%A9',
      '/api/articles/a%00b',
      '/api/profiles/%00',
      '/api/articles/UPPER',
    ]) {
      const response = await request(conduit.app).get(path);
      expect([404, 422]).toContain(response.status);
    }
  });

  it('When PUT /user sends no field, then 422', async () => {
    const response = await auth(request(conduit.app).put('/api/user')).send({ user: {} });
    expect(response.status).toBe(422);
    expect(response.body).toEqual({ errors: { user: ['needs at least one field to change'] } });
  });

  it('When 300 random bodies hit every write, then none gets a 500', async () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const values = [
      null,
      true,
      0,
      -1,
      1e308,
      '',
      ' ',
      'x'.repeat(70),
      '\u0000',
      '\ud800',
      [],
      [''],
      {},
      { a: 1 },
    ];
    const pick = () => values[Math.floor(random() * values.length)];
    const writes: [string, string, string][] = [
      ['post', '/api/users', 'user'],
      ['post', '/api/users/login', 'user'],
      ['put', '/api/user', 'user'],
      ['post', '/api/articles', 'article'],
      ['put', `/api/articles/${slug}`, 'article'],
      ['post', `/api/articles/${slug}/comments`, 'comment'],
    ];
    const fields = [
      'username',
      'email',
      'password',
      'bio',
      'image',
      'title',
      'description',
      'body',
      'tagList',
    ];
    const statuses = new Set<number>();
    for (let i = 0; i < 300; i++) {
      const [method, path, envelope] = writes[i % writes.length] as [string, string, string];
      const inner = Object.fromEntries(fields.filter(() => random() < 0.4).map((field) => [field, pick()]));
      const body = random() < 0.8 ? { [envelope]: inner } : pick();
      const response = await auth(request(conduit.app)[method as 'post'](path))
        .set('Content-Type', 'application/json')
        .send(JSON.stringify(body) ?? 'null');
      statuses.add(response.status);
      if (response.status >= 500)
        throw new Error(`${method} ${path} ${JSON.stringify(body)} gave ${response.status}`);
      if (response.status >= 400) expect(response.body.errors).toEqual(expect.any(Object));
    }
    expect([...statuses].some((status) => status === 422)).toBe(true);
  });
});
