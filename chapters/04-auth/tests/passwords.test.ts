import { exercise } from '@course/test-harness';
import { requiresPostgresServer } from '@course/test-harness/postgres';
import bcrypt from 'bcrypt';
import request from 'supertest';
import { checkPasswordPolicy, hashPassword, verifyPassword } from '@target/auth/password';
import { AppError } from '@course/platform/errors';
import {
  API,
  bookstoreOn,
  expectProblem,
  medianMsInTurns,
  PASSWORD,
  register,
  uniqueEmail,
  UNLIMITED_LOGINS,
  useBookstore,
} from './support';

function policyError(password: string, email = 'ada@bookstore.example'): string | undefined {
  try {
    checkPasswordPolicy(password, email);
    return undefined;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'body.password' }] });
    return error.errors?.[0]?.message;
  }
}

const TIMING = 'on PGlite, query time rather than bcrypt decides how long a request takes';

exercise('4.1', () => {
  describe('checkPasswordPolicy()', () => {
    it('When a password has 12 to 128 characters, then it passes, whatever the characters are', () => {
      for (const password of [
        'a'.repeat(12),
        'x'.repeat(128),
        'correct horse',
        '🔑'.repeat(12),
        '密码密码密码密码密码密码',
      ]) {
        expect({ password, error: policyError(password) }).toEqual({ password, error: undefined });
      }
    });

    it('When a password is shorter than 12 or longer than 128 characters, then it is refused', () => {
      for (const password of ['', 'a'.repeat(11), 'x'.repeat(129), '🔑'.repeat(11)]) {
        expect({ length: password.length, error: policyError(password) }).toEqual({
          length: password.length,
          error: expect.stringMatching(/12 to 128 characters/),
        });
      }
    });

    it('When the password is the email address, in any case or with spaces around it, then it is refused', () => {
      for (const password of ['ada@bookstore.example', 'ADA@Bookstore.Example', ' ada@bookstore.example ']) {
        expect({ password, error: policyError(password) }).toEqual({
          password,
          error: expect.stringMatching(/email/),
        });
      }
    });
  });

  describe('hashPassword() and verifyPassword()', () => {
    it('When a password is hashed, then the hash is bcrypt at the given cost with its own salt', async () => {
      const first = await hashPassword(PASSWORD, 5);
      const second = await hashPassword(PASSWORD, 5);
      expect(first).toMatch(/^\$2[aby]\$05\$[./A-Za-z0-9]{53}$/);
      expect(bcrypt.getRounds(first)).toBe(5);
      expect(second).not.toBe(first);
      expect(first).not.toContain(PASSWORD);
    });

    it('When the right password is checked, then it matches; any other password does not', async () => {
      const hash = await hashPassword(PASSWORD, 4);
      expect(await verifyPassword(PASSWORD, hash)).toBe(true);
      for (const other of ['correct horse battery stapler', 'Correct horse battery staple', '']) {
        expect({ other, matches: await verifyPassword(other, hash) }).toEqual({ other, matches: false });
      }
    });

    it('When two long passwords differ only after their 72nd byte, then they do not match each other', async () => {
      const start = 'a'.repeat(72);
      const hash = await hashPassword(`${start}-first`, 4);
      expect(await verifyPassword(`${start}-first`, hash)).toBe(true);
      expect(await verifyPassword(`${start}-second`, hash)).toBe(false);
    });
  });

  describe('POST /api/v1/auth/register', () => {
    const store = useBookstore({ overrides: { loginThrottle: UNLIMITED_LOGINS } });

    it('When a new address registers, then the answer is 202 and the account stores a bcrypt hash at the configured cost', async () => {
      const email = uniqueEmail();
      const res = await register(store.app, email);
      expect(res.status).toBe(202);
      expect(res.body).toEqual({ message: expect.any(String) });
      const { rows } = await store.db.query<{ password_hash: string }>(
        'SELECT password_hash FROM users WHERE email = $1',
        [email],
      );
      expect(rows).toHaveLength(1);
      expect(bcrypt.getRounds(rows[0]!.password_hash)).toBe(store.config.bcryptCost);
      expect(rows[0]!.password_hash).not.toContain(PASSWORD);
    });

    it('When an address registers, then the account is a reader, stored lower-case', async () => {
      const email = uniqueEmail('Mixed.Case').replace('bookstore', 'BookStore');
      expect((await register(store.app, email)).status).toBe(202);
      const { rows } = await store.db.query(
        'SELECT u.email, r.role_name FROM users u JOIN user_roles r ON r.user_id = u.id WHERE u.email = $1',
        [email.toLowerCase()],
      );
      expect(rows).toEqual([{ email: email.toLowerCase(), role_name: 'reader' }]);
    });

    it('When the address already has an account, then the answer is the same and nothing changes', async () => {
      const email = uniqueEmail();
      const first = await register(store.app, email);
      const hashBefore = await store.db.query('SELECT password_hash FROM users WHERE email = $1', [email]);
      const again = await register(store.app, email.toUpperCase(), 'another long passphrase');
      expect(first.status).toBe(202);
      expect({ status: again.status, body: again.body }).toEqual({ status: first.status, body: first.body });
      const hashAfter = await store.db.query('SELECT password_hash FROM users WHERE email = $1', [email]);
      expect(hashAfter.rows).toEqual(hashBefore.rows);
    });

    it('When the password breaks the policy, then the answer is a 422 about body.password and no account exists', async () => {
      const email = uniqueEmail();
      for (const password of ['too short', email]) {
        const res = await register(store.app, email, password);
        expectProblem(res, 422, 'VALIDATION_FAILED');
        expect(res.body.errors).toEqual([{ field: 'body.password', message: expect.any(String) }]);
        expect(res.text).not.toContain(password);
      }
      expect((await store.db.query('SELECT 1 FROM users WHERE email = $1', [email])).rows).toEqual([]);
    });

    it('When the email is not an address, then the answer is a 422 about body.email', async () => {
      const res = await request(store.app)
        .post(`${API}/auth/register`)
        .send({ email: 'nobody', password: PASSWORD });
      expectProblem(res, 422, 'VALIDATION_FAILED');
      expect(res.body.errors).toEqual([{ field: 'body.email', message: expect.any(String) }]);
    });

    describe('with bcrypt at cost 10', () => {
      requiresPostgresServer(TIMING)(
        'When a taken address registers, then it takes about as long as a new one',
        async () => {
          const slow = bookstoreOn(store.db, {
            env: { BCRYPT_COST: '10' },
            overrides: { loginThrottle: UNLIMITED_LOGINS },
          });
          const taken = uniqueEmail('taken');
          await register(slow.app, taken);
          const accepted = async (email: string) =>
            expect((await register(slow.app, email)).status).toBe(202);
          const [newAddress, takenAddress] = await medianMsInTurns(
            5,
            () => accepted(uniqueEmail('new')),
            () => accepted(taken),
          );
          expect(takenAddress).toBeGreaterThan(newAddress * 0.5);
        },
        15_000,
      );
    });
  });
});
