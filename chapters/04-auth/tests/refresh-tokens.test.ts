import { createHash } from 'node:crypto';
import { exercise } from '@course/test-harness';
import request from 'supertest';
import { connectDatabase, type Database } from '@course/platform/database';
import {
  PrismaRefreshTokenRepository,
  type RefreshTokenRepository,
} from '@target/auth/refresh-token.repository';
import { RefreshTokenService } from '@target/auth/refresh-token.service';
import { PrismaClient } from '@target/generated/prisma/client';
import {
  API,
  createUser,
  expectProblem,
  memoryLogger,
  UNLIMITED_LOGINS,
  useBookstore,
  waitForLog,
} from './support';

exercise('4.5', () => {
  const store = useBookstore({ overrides: { loginThrottle: UNLIMITED_LOGINS } });
  let database: Database<PrismaClient>;
  beforeAll(() => {
    database = connectDatabase({
      url: store.db.url,
      poolSize: 4,
      logger: memoryLogger().logger,
      PrismaClient,
    });
  });
  afterAll(() => database.close());

  /**
   * The real repository, with two rotations of one token held at the same moments as in the worst real race: both
   * find the token before either marks it, and the winner stores its new token only after the loser has revoked
   * the family (or after half a second, if the loser never does).
   */
  function racingRepository(): RefreshTokenRepository {
    const tokens = new PrismaRefreshTokenRepository(database.prisma);
    let found = 0;
    let bothFound = (): void => {};
    const bothHaveFound = new Promise<void>((resolve) => (bothFound = resolve));
    let familyRevoked = (): void => {};
    const revoked = new Promise<void>((resolve) => (familyRevoked = resolve));
    return {
      async findByHash(hash) {
        const token = await tokens.findByHash(hash);
        if (++found === 2) bothFound();
        await bothHaveFound;
        return token;
      },
      markUsed: (id) => tokens.markUsed(id),
      async revokeFamily(familyId) {
        await tokens.revokeFamily(familyId);
        familyRevoked();
      },
      async create(token) {
        await Promise.race([revoked, new Promise((resolve) => setTimeout(resolve, 500))]);
        await tokens.create(token);
      },
    };
  }

  const refresh = (refreshToken: string) =>
    request(store.app).post(`${API}/auth/refresh`).send({ refreshToken });
  const logout = (refreshToken: string) =>
    request(store.app).post(`${API}/auth/logout`).send({ refreshToken });

  describe('POST /api/v1/auth/refresh', () => {
    it('When a refresh token is used, then a new pair comes back, with a new refresh token, not to be cached', async () => {
      const user = await createUser(store);
      const res = await refresh(user.refreshToken);
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body).toEqual({
        tokenType: 'Bearer',
        accessToken: expect.any(String),
        expiresIn: store.config.tokens.accessTtlSeconds,
        refreshToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      });
      expect(res.body.refreshToken).not.toBe(user.refreshToken);
    });

    it('When the new refresh token is used in turn, then rotation goes on', async () => {
      const user = await createUser(store);
      let token = user.refreshToken;
      for (let round = 0; round < 3; round++) {
        const res = await refresh(token);
        expect({ round, status: res.status }).toEqual({ round, status: 200 });
        token = res.body.refreshToken;
      }
    });

    it('When a refresh token is stored, then only its SHA-256 hash is, in the login’s family', async () => {
      const user = await createUser(store);
      const rotated = (await refresh(user.refreshToken)).body.refreshToken as string;
      const { rows } = await store.db.query<{ token_hash: string; family_id: string }>(
        'SELECT token_hash, family_id FROM refresh_tokens WHERE user_id = $1 ORDER BY created_at',
        [user.id],
      );
      const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');
      expect(rows.map((row) => row.token_hash)).toEqual([sha256(user.refreshToken), sha256(rotated)]);
      expect(rows[1]!.family_id).toBe(rows[0]!.family_id);
      expect(JSON.stringify(rows)).not.toContain(user.refreshToken);
    });

    it('When a rotated token is used again, then it fails, and the newest token of its family stops working too', async () => {
      const user = await createUser(store);
      const newest = (await refresh(user.refreshToken)).body.refreshToken as string;
      expectProblem(await refresh(user.refreshToken), 401, 'REFRESH_TOKEN_INVALID');
      expectProblem(await refresh(newest), 401, 'REFRESH_TOKEN_INVALID');
    });

    it('When a token is reused, then a warning is logged and other sessions of the user keep working', async () => {
      const user = await createUser(store);
      const otherSession = await request(store.app)
        .post(`${API}/auth/login`)
        .send({ email: user.email, password: 'correct horse battery staple' });
      await refresh(user.refreshToken);
      const reuse = await refresh(user.refreshToken);
      const warning = await waitForLog(
        store.logs,
        (entry) => entry.level === 'warn' && entry.userId === user.id,
      );
      expect(warning.message).toMatch(/reuse/);
      // Written by the service, which never sees the request, and still marked with the request's id.
      expect(warning.requestId).toBe(reuse.headers['x-request-id']);
      expect((await refresh(otherSession.body.refreshToken)).status).toBe(200);
    });

    it('When the same token is sent twice at once, then at most one of the two succeeds', async () => {
      const user = await createUser(store);
      const answers = await Promise.all([refresh(user.refreshToken), refresh(user.refreshToken)]);
      expect(answers.filter((res) => res.status === 200).length).toBeLessThanOrEqual(1);
    });

    it('When two refreshes race and one loses at markUsed(), then it revokes the family and logs, and the winner’s new token stops working too', async () => {
      const user = await createUser(store);
      const { logger, logs } = memoryLogger();
      const service = new RefreshTokenService(racingRepository(), 3600, logger);
      // Both rotations find the token unused; markUsed() alone decides which one wins.
      const results = await Promise.allSettled([
        service.rotate(user.refreshToken),
        service.rotate(user.refreshToken),
      ]);
      const won = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
      const lost = results.flatMap((result) =>
        result.status === 'rejected' ? [result.reason as unknown] : [],
      );
      expect({ won: won.length, lost: lost.map((error) => (error as { code?: string }).code) }).toEqual({
        won: 1,
        lost: ['REFRESH_TOKEN_INVALID'],
      });
      expect(logs).toContainEqual(
        expect.objectContaining({ level: 'warn', message: expect.stringMatching(/reuse/), userId: user.id }),
      );
      expectProblem(await refresh(won[0]!.refreshToken), 401, 'REFRESH_TOKEN_INVALID');
    });

    it('When a refresh token is unknown or has expired, then the answer is 401 REFRESH_TOKEN_INVALID', async () => {
      const user = await createUser(store);
      await store.db.query(
        "UPDATE refresh_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1",
        [user.id],
      );
      expectProblem(await refresh(user.refreshToken), 401, 'REFRESH_TOKEN_INVALID');
      expectProblem(await refresh('x'.repeat(43)), 401, 'REFRESH_TOKEN_INVALID');
    });
  });

  describe('POST /api/v1/auth/logout', () => {
    it('When a session logs out, then its refresh token, and every token of its family, stop working', async () => {
      const user = await createUser(store);
      const newest = (await refresh(user.refreshToken)).body.refreshToken as string;
      expect((await logout(newest)).status).toBe(204);
      expectProblem(await refresh(newest), 401, 'REFRESH_TOKEN_INVALID');
    });

    it('When an unknown token logs out, then the answer is still 204', async () => {
      expect((await logout('y'.repeat(43))).status).toBe(204);
    });
  });
});
