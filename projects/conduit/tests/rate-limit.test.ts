import request from 'supertest';
import { registerUser, useConduit } from './support/conduit';

const conduit = useConduit({ RATE_LIMIT_LOGINS_PER_EMAIL: '5', RATE_LIMIT_REGISTRATIONS_PER_IP: '12' });

describe('Rate limits on login and registration', () => {
  it('When 30 logins for one account arrive at once, then exactly 5 are answered and 25 get 429 with Retry-After', async () => {
    const { username } = await registerUser(conduit.app, 'target');
    const responses = await Promise.all(
      Array.from({ length: 30 }, () =>
        request(conduit.app)
          .post('/api/users/login')
          .send({ user: { email: `${username}@test.example`, password: 'guess-guess' } }),
      ),
    );
    const limited = responses.filter((r) => r.status === 429);
    expect(responses.filter((r) => r.status === 401)).toHaveLength(5);
    expect(limited).toHaveLength(25);
    for (const r of limited) {
      expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
      expect(r.body.errors.request[0]).toMatch(/^Too many attempts; retry in \d+ seconds\.$/);
    }
    // The counters live in Redis, under this test file's prefix.
    const keys = await conduit.redis.client.keys('*');
    expect(keys.filter((key) => key.includes('rate-limit:login:email:'))).toHaveLength(1);
  });

  it('When one address keeps registering, then it is stopped at the limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 14; i++) {
      const response = await request(conduit.app)
        .post('/api/users')
        .send({ user: { username: `spam${i}`, email: `spam${i}@test.example`, password: 'password123' } });
      statuses.push(response.status);
    }
    // One registration happened in the test above.
    expect(statuses.filter((s) => s === 201)).toHaveLength(11);
    expect(statuses.slice(11)).toEqual([429, 429, 429]);
  });
});
