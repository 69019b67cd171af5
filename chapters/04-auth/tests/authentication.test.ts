import { randomUUID } from 'node:crypto';
import { exercise } from '@course/test-harness';
import request from 'supertest';
import { parseBearer } from '@target/auth/bearer';
import { AppError } from '@course/platform/errors';
import { claimsFor, forgeries, signedWith } from './forge';
import { API, bearer, createUser, expectProblem, UNLIMITED_LOGINS, useBookstore, UUID } from './support';

const MISSING = 'Bearer realm="bookstore"';
const MALFORMED = 'Bearer realm="bookstore", error="invalid_request"';
const INVALID = 'Bearer realm="bookstore", error="invalid_token"';

function parsed(header: string | undefined): string {
  try {
    return parseBearer(header);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return `${error.code} ${error.headers['WWW-Authenticate']}`;
  }
}

exercise('4.4', () => {
  describe('parseBearer()', () => {
    it('When the header is "Bearer <token>", in any letter case, then the token comes out', () => {
      expect(parsed('Bearer abc.DEF-ghi_jkl~mno+pqr/stu==')).toBe('abc.DEF-ghi_jkl~mno+pqr/stu==');
      expect(parsed('bearer abc')).toBe('abc');
      expect(parsed('BEARER abc')).toBe('abc');
    });

    it('When there is no header, then it is AUTH_REQUIRED with a challenge that names no error', () => {
      expect(parsed(undefined)).toBe(`AUTH_REQUIRED ${MISSING}`);
      expect(parsed('')).toBe(`AUTH_REQUIRED ${MISSING}`);
    });

    it('When the header is not one Bearer token, then it is AUTH_HEADER_MALFORMED', () => {
      for (const header of [
        'Bearer',
        'Bearer ',
        'Bearer  abc',
        'Bearer abc def',
        'Basic dXNlcjpwYXNz',
        'abc',
        'Bearer ab"c',
      ]) {
        expect({ header, result: parsed(header) }).toEqual({
          header,
          result: `AUTH_HEADER_MALFORMED ${MALFORMED}`,
        });
      }
    });
  });

  const store = useBookstore({ overrides: { loginThrottle: UNLIMITED_LOGINS } });

  describe('GET /api/v1/auth/me', () => {
    const me = (authorization?: string) => {
      const req = request(store.app).get(`${API}/auth/me`);
      return authorization === undefined ? req : req.set('Authorization', authorization);
    };

    it('When the access token is good, then the answer is the user with roles and permissions, and no hash', async () => {
      const user = await createUser(store, ['reader']);
      const res = await me(bearer(user.accessToken));
      expect(res.status).toBe(200);
      // Personal data: no cache may keep it (RFC 9111 §5.2.2.5).
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body).toEqual({
        id: expect.stringMatching(UUID),
        email: user.email,
        roles: ['reader'],
        permissions: ['authors:read', 'books:read', 'reviews:write'],
        createdAt: expect.any(String),
      });
    });

    it('When no Authorization header is sent, then the answer is 401 AUTH_REQUIRED with WWW-Authenticate', async () => {
      const res = await me();
      expectProblem(res, 401, 'AUTH_REQUIRED');
      expect(res.headers['www-authenticate']).toBe(MISSING);
    });

    it('When the Authorization header is malformed, then the answer is 401 AUTH_HEADER_MALFORMED', async () => {
      const user = await createUser(store);
      for (const header of [
        'Bearer',
        `Bearer  ${user.accessToken}`,
        `Basic ${user.accessToken}`,
        user.accessToken,
      ]) {
        const res = await me(header);
        expect({ header, code: res.body.code, challenge: res.headers['www-authenticate'] }).toEqual({
          header,
          code: 'AUTH_HEADER_MALFORMED',
          challenge: MALFORMED,
        });
        expectProblem(res, 401, 'AUTH_HEADER_MALFORMED');
      }
    });

    it('When the token is forged in any of the known ways, then the answer is 401 TOKEN_INVALID', async () => {
      const user = await createUser(store);
      for (const [forgery, token] of await forgeries(user.id, store.config.tokens, user.accessToken)) {
        const res = await me(bearer(token));
        expect({
          forgery,
          status: res.status,
          code: res.body.code,
          challenge: res.headers['www-authenticate'],
        }).toEqual({
          forgery,
          status: 401,
          code: 'TOKEN_INVALID',
          challenge: INVALID,
        });
      }
    });

    it('When the token has expired, then the answer is 401 TOKEN_EXPIRED, so that the client refreshes', async () => {
      const user = await createUser(store);
      const expired = signedWith(
        claimsFor(user.id, store.config.tokens, { exp: 1 }),
        store.config.tokens.secret,
      );
      const res = await me(bearer(expired));
      expectProblem(res, 401, 'TOKEN_EXPIRED');
      expect(res.headers['www-authenticate']).toBe(INVALID);
    });

    it('When the user behind a good token has been deleted, then the answer is 401 TOKEN_INVALID', async () => {
      const user = await createUser(store);
      await store.db.query('DELETE FROM users WHERE id = $1', [user.id]);
      expectProblem(await me(bearer(user.accessToken)), 401, 'TOKEN_INVALID');
    });
  });

  describe('the catalogue', () => {
    it('When books or authors are requested without a token, then the answer is 401', async () => {
      for (const path of ['/books', '/authors']) {
        expectProblem(await request(store.app).get(`${API}${path}`), 401, 'AUTH_REQUIRED');
      }
    });

    it('When a good token asks for more than its user may do, then authentication passes and the answer is 403, not 401', async () => {
      const reader = await createUser(store, ['reader']);
      const res = await request(store.app)
        .delete(`${API}/books/${randomUUID()}`)
        .set('Authorization', bearer(reader.accessToken));
      expectProblem(res, 403, 'PERMISSION_DENIED');
    });
  });
});
