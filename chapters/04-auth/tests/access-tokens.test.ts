import { randomUUID } from 'node:crypto';
import { exercise } from '@course/test-harness';
import jwt from 'jsonwebtoken';
import { signAccessToken, verifyAccessToken } from '@target/auth/access-token';
import { AppError } from '@course/platform/errors';
import { claimsFor, forgeries, signedWith } from './forge';
import { login, register, testConfig, uniqueEmail, UNLIMITED_LOGINS, useBookstore, UUID } from './support';

const tokens = testConfig('postgres://postgres@127.0.0.1:5432/unused').tokens;

/** The code of the AppError that `run` throws, or 'none'. */
function rejection(run: () => unknown): string {
  try {
    run();
    return 'none';
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    expect(error.headers['WWW-Authenticate']).toBe('Bearer realm="bookstore", error="invalid_token"');
    return error.code;
  }
}

exercise('4.3', () => {
  describe('signAccessToken()', () => {
    it('When a token is signed, then it is an HS256 JWT with sub, iss, aud, jti, and exp one TTL after iat', () => {
      const userId = randomUUID();
      const before = Math.floor(Date.now() / 1000);
      const { header, payload } = jwt.decode(signAccessToken(userId, tokens), { complete: true })!;
      expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
      expect(payload).toEqual({
        sub: userId,
        iss: tokens.issuer,
        aud: tokens.audience,
        jti: expect.stringMatching(UUID),
        iat: expect.any(Number),
        exp: expect.any(Number),
      });
      const { iat, exp } = payload as { iat: number; exp: number };
      expect(iat).toBeGreaterThanOrEqual(before);
      expect(exp - iat).toBe(tokens.accessTtlSeconds);
    });

    it('When two tokens are signed for the same user, then their jti differ', () => {
      const userId = randomUUID();
      const [first, second] = [signAccessToken(userId, tokens), signAccessToken(userId, tokens)];
      expect((jwt.decode(first) as jwt.JwtPayload).jti).not.toBe((jwt.decode(second) as jwt.JwtPayload).jti);
    });
  });

  describe('verifyAccessToken()', () => {
    it('When the token is ours and current, then its sub and jti come back', () => {
      const userId = randomUUID();
      const claims = verifyAccessToken(signAccessToken(userId, tokens), tokens);
      expect(claims).toEqual({ sub: userId, jti: expect.stringMatching(UUID) });
    });

    it('When the token is forged in any of the known ways, then it is TOKEN_INVALID', async () => {
      const userId = randomUUID();
      for (const [forgery, token] of await forgeries(userId, tokens, signAccessToken(userId, tokens))) {
        expect({ forgery, code: rejection(() => verifyAccessToken(token, tokens)) }).toEqual({
          forgery,
          code: 'TOKEN_INVALID',
        });
      }
    });

    it('When our token has expired, then it is TOKEN_EXPIRED', () => {
      const token = signedWith(claimsFor(randomUUID(), tokens, { iat: 1_000, exp: 1_900 }), tokens.secret);
      expect(rejection(() => verifyAccessToken(token, tokens))).toBe('TOKEN_EXPIRED');
    });

    it('When our signature covers a payload without sub or jti, then it is TOKEN_INVALID', () => {
      for (const missing of ['sub', 'jti']) {
        const claims = claimsFor(randomUUID(), tokens);
        delete claims[missing];
        expect({
          missing,
          code: rejection(() => verifyAccessToken(signedWith(claims, tokens.secret), tokens)),
        }).toEqual({
          missing,
          code: 'TOKEN_INVALID',
        });
      }
    });
  });

  describe('POST /api/v1/auth/login', () => {
    const store = useBookstore({ overrides: { loginThrottle: UNLIMITED_LOGINS } });

    it('When the password is right, then the answer is a token pair that must not be cached', async () => {
      const email = uniqueEmail();
      await register(store.app, email);
      const res = await login(store.app, email);
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body).toEqual({
        tokenType: 'Bearer',
        accessToken: expect.any(String),
        expiresIn: store.config.tokens.accessTtlSeconds,
        refreshToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      });
      const { rows } = await store.db.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [email]);
      expect(verifyAccessToken(res.body.accessToken, store.config.tokens).sub).toBe(rows[0]!.id);
    });

    it('When the address is typed in another case, then the login still works', async () => {
      const email = uniqueEmail();
      await register(store.app, email);
      expect((await login(store.app, email.toUpperCase())).status).toBe(200);
    });
  });
});
