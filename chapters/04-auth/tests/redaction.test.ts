import { exercise } from '@course/test-harness';
import request from 'supertest';
import { REDACTED, isSecretKey, redact } from '@target/logging/redact';
import {
  API,
  PASSWORD,
  bearer,
  memoryLogger,
  register,
  uniqueEmail,
  useBookstore,
  waitForLog,
} from './support';

exercise('4.8', () => {
  describe('isSecretKey()', () => {
    it('When a field is named after a secret, in any case or spelling, then it is secret', () => {
      for (const key of [
        'password',
        'newPassword',
        'passwordHash',
        'password_hash',
        'token',
        'accessToken',
        'refresh_token',
        'Authorization',
        'cookie',
        'Set-Cookie',
        'jwtSecret',
        'CLIENT_SECRET',
      ]) {
        expect({ key, secret: isSecretKey(key) }).toEqual({ key, secret: true });
      }
    });

    it('When a field has an ordinary name, then it is not secret', () => {
      for (const key of ['email', 'userId', 'familyId', 'status', 'path', 'message', 'durationMs']) {
        expect({ key, secret: isSecretKey(key) }).toEqual({ key, secret: false });
      }
    });
  });

  describe('the logger', () => {
    it('When an entry holds secrets at any depth, then no secret reaches the log and the rest does', async () => {
      const { logger, logs } = memoryLogger();
      const fields = {
        password: 'secret-password-1',
        user: { email: 'ada@bookstore.example', passwordHash: '$2b$04$secret-hash-2' },
        headers: { Authorization: 'Bearer secret-token-3', accept: 'application/json' },
        sessions: [{ refreshToken: 'secret-token-4' }, { refresh_token: 'secret-token-5' }],
        access_token: 'secret-token-6',
        cookie: 'sid=secret-cookie-7',
        createdAt: new Date('2026-01-02T03:04:05.000Z'),
      };
      logger.info('something happened', fields);
      const entry = await waitForLog(logs, (e) => e.message === 'something happened');
      expect(JSON.stringify(logs)).not.toMatch(/secret-/);
      expect(entry).toMatchObject({
        password: REDACTED,
        user: { email: 'ada@bookstore.example', passwordHash: REDACTED },
        headers: { Authorization: REDACTED, accept: 'application/json' },
        sessions: [{ refreshToken: REDACTED }, { refresh_token: REDACTED }],
        access_token: REDACTED,
        cookie: REDACTED,
        createdAt: '2026-01-02T03:04:05.000Z',
      });
    });

    it('When an entry is redacted, then the objects the caller passed are left as they were', () => {
      const headers = { authorization: 'Bearer kept' };
      const copy = redact({ request: { headers } }) as { request: { headers: { authorization: string } } };
      expect(copy.request.headers.authorization).toBe(REDACTED);
      expect(headers.authorization).toBe('Bearer kept');
    });
  });

  describe('a whole session through the API', () => {
    const store = useBookstore();

    it('When a user registers, logs in, refreshes, calls the API and logs out, then no log line or other answer holds a secret', async () => {
      const email = uniqueEmail();
      const registered = await register(store.app, email);
      const { body: pair } = await request(store.app)
        .post(`${API}/auth/login`)
        .send({ email, password: PASSWORD });
      const { body: next } = await request(store.app)
        .post(`${API}/auth/refresh`)
        .send({ refreshToken: pair.refreshToken });
      const answers = [
        registered,
        await request(store.app).post(`${API}/auth/refresh`).send({ refreshToken: pair.refreshToken }),
        await request(store.app).get(`${API}/auth/me`).set('Authorization', bearer(next.accessToken)),
        await request(store.app).post(`${API}/auth/logout`).send({ refreshToken: next.refreshToken }),
        await request(store.app).post(`${API}/auth/login`).send({ email, password: 'a wrong passphrase' }),
      ];
      await waitForLog(store.logs, (entry) => entry.status === 401 && entry.path === '/api/v1/auth/login');

      const { rows } = await store.db.query<{ password_hash: string }>(
        'SELECT password_hash FROM users WHERE email = $1',
        [email],
      );
      const logged = JSON.stringify(store.logs);
      for (const secret of [
        PASSWORD,
        'a wrong passphrase',
        rows[0]!.password_hash,
        pair.accessToken,
        pair.refreshToken,
        next.accessToken,
        next.refreshToken,
      ]) {
        expect(logged).not.toContain(secret);
      }
      expect(store.logs.length).toBeGreaterThan(5);
      // Tokens go out in the answers of login and refresh only; passwords and hashes never do.
      const answered = answers.map((res) => res.text).join('\n');
      for (const secret of [
        PASSWORD,
        rows[0]!.password_hash,
        pair.refreshToken,
        next.accessToken,
        next.refreshToken,
      ]) {
        expect(answered).not.toContain(secret);
      }
    });
  });
});
