import { randomUUID } from 'node:crypto';
import { expectProblem } from '@course/test-harness/problems';
import bcrypt from 'bcrypt';
import express, { type Request } from 'express';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { AppError, errorHandler } from '../errors';
import { createLogger } from '../logging';
import { claimsFor, forgeries, signedWith } from '../../test/forge';
import {
  bearerAuthentication,
  definePermissions,
  hashPassword,
  parseBearer,
  passwordHasher,
  requirePermissions,
  signAccessToken,
  verifyAccessToken,
  verifyPassword,
  type TokenConfig,
} from '.';

const tokens: TokenConfig = {
  secret: 'test-secret-that-is-at-least-32-characters',
  issuer: 'bookstore-api',
  audience: 'bookstore-clients',
  accessTtlSeconds: 900,
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The code of the AppError that `run` throws, or 'none'. */
function rejection(run: () => unknown): string {
  try {
    run();
    return 'none';
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return error.code;
  }
}

describe('access tokens', () => {
  it('When a token is signed, then it is an HS256 JWT with sub, iss, aud, jti, and exp one TTL after iat', () => {
    const userId = randomUUID();
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
    expect(exp - iat).toBe(tokens.accessTtlSeconds);
  });

  it('When the token is ours and current, then its claims come back', () => {
    const userId = randomUUID();
    expect(verifyAccessToken(signAccessToken(userId, tokens), tokens)).toEqual({
      sub: userId,
      jti: expect.stringMatching(UUID),
      iat: expect.any(Number),
      exp: expect.any(Number),
    });
  });

  it('When the token is forged in any of the known ways, then it is TOKEN_INVALID with an invalid_token challenge', () => {
    const userId = randomUUID();
    for (const [forgery, token] of forgeries(userId, tokens, signAccessToken(userId, tokens))) {
      let thrown: unknown;
      try {
        verifyAccessToken(token, tokens, { realm: 'bookstore' });
      } catch (error) {
        thrown = error;
      }
      expect({
        forgery,
        code: (thrown as AppError).code,
        challenge: (thrown as AppError).headers['WWW-Authenticate'],
      }).toEqual({
        forgery,
        code: 'TOKEN_INVALID',
        challenge: 'Bearer realm="bookstore", error="invalid_token"',
      });
    }
  });

  it('When our token has expired, then it is TOKEN_EXPIRED', () => {
    const token = signedWith(claimsFor(randomUUID(), tokens, { iat: 1_000, exp: 1_900 }), tokens.secret);
    expect(rejection(() => verifyAccessToken(token, tokens))).toBe('TOKEN_EXPIRED');
  });

  it.each(['exp', 'iat', 'sub', 'jti', 'iss', 'aud'])(
    'When our signature covers a payload without %s, then it is TOKEN_INVALID',
    (missing) => {
      const claims = claimsFor(randomUUID(), tokens);
      delete claims[missing];
      expect(rejection(() => verifyAccessToken(signedWith(claims, tokens.secret), tokens))).toBe(
        'TOKEN_INVALID',
      );
    },
  );
});

describe('parseBearer()', () => {
  it("When the header is Bearer and a token, then the token comes back, whatever the scheme's case", () => {
    expect(parseBearer('Bearer abc.def-_~+/=')).toBe('abc.def-_~+/=');
    expect(parseBearer('bearer abc')).toBe('abc');
  });

  it.each([undefined, '', '   '])(
    'When the header is %p, then it is AUTH_REQUIRED with a bare challenge',
    (header) => {
      try {
        parseBearer(header, { realm: 'bookstore' });
        throw new Error('accepted');
      } catch (error) {
        expect(error).toMatchObject({
          code: 'AUTH_REQUIRED',
          headers: { 'WWW-Authenticate': 'Bearer realm="bookstore"' },
        });
      }
    },
  );

  it.each(['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer  two-spaces', 'Bearer a b', 'Token abc'])(
    'When the header is "%s", then it is AUTH_HEADER_MALFORMED',
    (header) => expect(rejection(() => parseBearer(header))).toBe('AUTH_HEADER_MALFORMED'),
  );
});

describe('passwords', () => {
  it('When a password is hashed, then only that password verifies, and two hashes of it differ', async () => {
    const hash = await hashPassword('correct horse battery', 4);
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('correct horse batterz', hash)).toBe(false);
    expect(await hashPassword('correct horse battery', 4)).not.toBe(hash);
  });

  it('When two long passwords share their first 72 bytes, then they still have different hashes', async () => {
    const prefix = 'x'.repeat(80);
    const hash = await hashPassword(`${prefix}-one`, 4);
    expect(await verifyPassword(`${prefix}-two`, hash)).toBe(false);
  });

  it('When the account does not exist, then verify() still runs one bcrypt comparison at the same cost and says false', async () => {
    const hasher = passwordHasher({ cost: 5 });
    const compare = jest.spyOn(bcrypt, 'compare');
    expect(await hasher.verify('a guess', undefined)).toBe(false);
    expect(compare).toHaveBeenCalledTimes(1);
    // The dummy hash has the same cost as real ones, so the comparison takes as long as a wrong password's.
    expect(compare.mock.calls[0]![1]).toMatch(/^\$2b\$05\$/);
  });
});

describe('permissions', () => {
  const permissions = definePermissions(['books:write', 'users:manage']);

  it('When every required permission is held, then nothing is thrown; when one is missing, then 403', () => {
    expect(() => permissions.require(['books:write', 'users:manage'], ['books:write'])).not.toThrow();
    expect(rejection(() => requirePermissions(['books:write'], ['books:write', 'users:manage']))).toBe(
      'PERMISSION_DENIED',
    );
  });

  it('When names come from outside, then only known ones pass', () => {
    expect(permissions.is('books:write')).toBe(true);
    expect(permissions.is('books:delete')).toBe(false);
    expect(() => permissions.parse(['books:write', 'root'])).toThrow(/unknown permission root/);
  });
});

describe('bearerAuthentication()', () => {
  interface User {
    id: string;
    permissions: string[];
  }
  const users = new Map<string, User>([['u1', { id: 'u1', permissions: ['books:write'] }]]);
  const expressAuthentication = bearerAuthentication<User>({
    realm: 'bookstore',
    authenticate: async (token) => {
      const user = users.get(verifyAccessToken(token, tokens, { realm: 'bookstore' }).sub);
      if (!user) throw new Error('no such user');
      return user;
    },
    permissionsOf: (user) => user.permissions,
  });
  const app = express();
  app.get('/books', async (req: Request, res) => {
    res.json(await expressAuthentication(req, 'bearer', req.query.scope ? [String(req.query.scope)] : []));
  });
  app.use(
    errorHandler({
      logger: createLogger({ level: 'error', transports: [] }),
      problemTypeBase: 'https://x.example/p/',
    }),
  );

  it('When the token is good and the permission held, then the user comes back', async () => {
    const res = await request(app)
      .get('/books?scope=books:write')
      .set('Authorization', `Bearer ${signAccessToken('u1', tokens)}`);
    expect(res.body).toEqual({ id: 'u1', permissions: ['books:write'] });
  });

  it('When no token comes, then 401 AUTH_REQUIRED with a challenge; an empty header counts as none', async () => {
    for (const header of [undefined, '']) {
      const req = request(app).get('/books');
      const res = await (header === undefined ? req : req.set('Authorization', header));
      expectProblem(res, 401, 'AUTH_REQUIRED', { typeBase: 'https://x.example/p/' });
      expect(res.headers['www-authenticate']).toBe('Bearer realm="bookstore"');
    }
  });

  it('When the permission is missing, then 403 PERMISSION_DENIED', async () => {
    const res = await request(app)
      .get('/books?scope=users:manage')
      .set('Authorization', `Bearer ${signAccessToken('u1', tokens)}`);
    expectProblem(res, 403, 'PERMISSION_DENIED', { typeBase: 'https://x.example/p/' });
  });

  it('When the scheme is not the one it was made for, then it throws (a programming error, so a 500)', async () => {
    await expect(expressAuthentication({} as Request, 'apiKey')).rejects.toThrow(/unknown security scheme/);
  });
});
