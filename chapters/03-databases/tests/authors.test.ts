import { scaffold } from '@course/test-harness';
import request from 'supertest';
import { API, UUID, createAuthor, expectProblem, pause, useBookstore } from './support';

const { makeApp } = useBookstore();

const MISSING_ID = '5d0c1a43-1b2e-4f7e-8c1d-2a9e6b3f4c5d';

scaffold('authors: create, read, update, delete', () => {
  describe('POST /api/v1/authors', () => {
    it('When the author is valid, then it is created with an id and timestamps, and 201 says where it lives', async () => {
      const { app } = makeApp();
      const res = await request(app)
        .post(`${API}/authors`)
        .send({ name: 'Octavia E. Butler', bio: 'Wrote Kindred.' });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(UUID),
        name: 'Octavia E. Butler',
        bio: 'Wrote Kindred.',
        createdAt: expect.any(String),
        updatedAt: res.body.createdAt,
      });
      expect(new Date(res.body.createdAt).toISOString()).toBe(res.body.createdAt);
      expect(res.headers.location).toBe(`/api/v1/authors/${res.body.id}`);
    });

    it('When the Location of a new author is followed, then it leads to that author', async () => {
      const { app } = makeApp();
      const created = await request(app).post(`${API}/authors`).send({ name: 'Octavia E. Butler' });
      const fetched = await request(app).get(created.headers.location!);
      expect(fetched.status).toBe(200);
      expect(fetched.body).toEqual(created.body);
    });

    it('When no bio is given, then the author has none', async () => {
      const { app } = makeApp();
      const res = await request(app).post(`${API}/authors`).send({ name: 'Octavia E. Butler' });
      expect(res.status).toBe(201);
      expect(res.body).not.toHaveProperty('bio');
    });

    it('When two authors are created, then they get different ids', async () => {
      const { app } = makeApp();
      const first = await createAuthor(app);
      const second = await createAuthor(app);
      expect(first.id).not.toBe(second.id);
    });

    it('When the name is blank, then the answer is a 422 problem about the name', async () => {
      const { app } = makeApp();
      const res = await request(app).post(`${API}/authors`).send({ name: '   ' });
      expectProblem(res, 422, 'VALIDATION_FAILED');
      expect(res.body.errors).toEqual([{ field: 'body.name', message: expect.any(String) }]);
    });
  });

  describe('GET /api/v1/authors/{authorId}', () => {
    it('When the author exists, then it is returned', async () => {
      const { app } = makeApp();
      const author = await createAuthor(app, { name: 'N. K. Jemisin' });
      const res = await request(app).get(`${API}/authors/${author.id}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual(author);
    });

    it('When no author has the id, then the answer is a 404 problem with code AUTHOR_NOT_FOUND', async () => {
      const { app } = makeApp();
      const res = await request(app).get(`${API}/authors/${MISSING_ID}`);
      expectProblem(res, 404, 'AUTHOR_NOT_FOUND');
      expect(res.body.detail).toContain(MISSING_ID);
    });
  });

  describe('PATCH /api/v1/authors/{authorId}', () => {
    it('When one field is sent, then only that field changes and updatedAt moves on', async () => {
      const { app } = makeApp();
      const author = await createAuthor(app, { name: 'Ursula Le Guin', bio: 'Earthsea.' });
      await pause(5); // so that a timestamp that moves on cannot land in the same millisecond
      const res = await request(app).patch(`${API}/authors/${author.id}`).send({ name: 'Ursula K. Le Guin' });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ ...author, name: 'Ursula K. Le Guin', updatedAt: expect.any(String) });
      expect(Date.parse(res.body.updatedAt)).toBeGreaterThan(Date.parse(author.updatedAt as string));
      const fetched = await request(app).get(`${API}/authors/${author.id}`);
      expect(fetched.body).toEqual(res.body);
    });

    it('When the bio is sent as null, then the bio is removed', async () => {
      const { app } = makeApp();
      const author = await createAuthor(app, { bio: 'Earthsea.' });
      const res = await request(app).patch(`${API}/authors/${author.id}`).send({ bio: null });
      expect(res.status).toBe(200);
      expect(res.body).not.toHaveProperty('bio');
      expect(res.body.name).toBe(author.name);
    });

    it('When the patch is sent as application/merge-patch+json, then it is accepted', async () => {
      const { app } = makeApp();
      const author = await createAuthor(app);
      const res = await request(app)
        .patch(`${API}/authors/${author.id}`)
        .set('Content-Type', 'application/merge-patch+json')
        .send(JSON.stringify({ bio: 'Wrote The Dispossessed.' }));
      expect(res.status).toBe(200);
      expect(res.body.bio).toBe('Wrote The Dispossessed.');
    });

    it('When no author has the id, then the answer is a 404 problem with code AUTHOR_NOT_FOUND', async () => {
      const { app } = makeApp();
      const res = await request(app).patch(`${API}/authors/${MISSING_ID}`).send({ name: 'Nobody' });
      expectProblem(res, 404, 'AUTHOR_NOT_FOUND');
    });

    it('When the new name is empty, then the answer is a 422 problem and the author is unchanged', async () => {
      const { app } = makeApp();
      const author = await createAuthor(app);
      const res = await request(app).patch(`${API}/authors/${author.id}`).send({ name: '' });
      expectProblem(res, 422, 'VALIDATION_FAILED');
      expect((await request(app).get(`${API}/authors/${author.id}`)).body).toEqual(author);
    });
  });

  describe('DELETE /api/v1/authors/{authorId}', () => {
    it('When the author exists, then it is deleted with 204 and an empty body, and is gone afterwards', async () => {
      const { app } = makeApp();
      const author = await createAuthor(app);
      const res = await request(app).delete(`${API}/authors/${author.id}`);
      expect(res.status).toBe(204);
      expect(res.text).toBe('');
      expectProblem(await request(app).get(`${API}/authors/${author.id}`), 404, 'AUTHOR_NOT_FOUND');
    });

    it('When the author was already deleted, then a second delete is a 404 problem', async () => {
      const { app } = makeApp();
      const author = await createAuthor(app);
      await request(app).delete(`${API}/authors/${author.id}`);
      expectProblem(await request(app).delete(`${API}/authors/${author.id}`), 404, 'AUTHOR_NOT_FOUND');
    });

    it('When one author is deleted, then the others stay', async () => {
      const { app } = makeApp();
      const kept = await createAuthor(app, { name: 'Kept' });
      const deleted = await createAuthor(app, { name: 'Deleted' });
      await request(app).delete(`${API}/authors/${deleted.id}`);
      expect((await request(app).get(`${API}/authors/${kept.id}`)).status).toBe(200);
    });
  });
});
