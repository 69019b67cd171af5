import request from 'supertest';
import { seedDatabase } from '../src/seed/seed';
import { useConduit } from './support/conduit';

const conduit = useConduit();

describe('The seed', () => {
  it('When 40 users and 150 articles are seeded, then counts add up and the API serves them newest first', async () => {
    const passwordHash = '$2b$04$abcdefghijklmnopqrstuuJ1Yq6m8lQ3q0Gm5e1Q2VYx0mY0yqT6e';
    const counts = await seedDatabase(conduit.prisma, { users: 40, articles: 150, passwordHash });
    expect(counts).toMatchObject({ users: 40, articles: 150 });
    // The trigger kept every article's count equal to its favourite rows.
    const { rows } = await conduit.db.query(
      `SELECT count(*)::int AS wrong FROM articles a
        WHERE a.favorites_count <> (SELECT count(*) FROM favorites f WHERE f.article_id = a.id)`,
    );
    expect(rows[0]?.wrong).toBe(0);
    const page = await request(conduit.app).get('/api/articles?limit=20').expect(200);
    expect(page.body.articlesCount).toBe(150);
    const dates = page.body.articles.map((a: { createdAt: string }) => a.createdAt);
    expect(dates).toEqual([...dates].sort().reverse());
  });
});
