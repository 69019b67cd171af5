import { exercise } from '@course/test-harness';
import type { Response } from 'supertest';
import { PASSWORD, expectProblem, login, register, uniqueEmail, uniqueIp, useBookstore } from './support';

const WRONG = 'not the right passphrase';

/** How many responses had each status, for example { 401: 3, 429: 37 }. */
function statusCounts(responses: Response[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const { status } of responses) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}

exercise('4.7', () => {
  const store = useBookstore({
    env: {
      LOGIN_WINDOW_SECONDS: '600',
      LOGIN_MAX_FAILURES_PER_ACCOUNT: '3',
      LOGIN_MAX_FAILURES_PER_IP: '6',
    },
  });

  async function account(): Promise<string> {
    const email = uniqueEmail();
    await register(store.app, email);
    return email;
  }

  async function fail(email: string, ip: string, times = 1): Promise<void> {
    for (let i = 0; i < times; i++) {
      const res = await login(store.app, email, WRONG, ip);
      if (res.status !== 401) throw new Error(`expected a failed login, got ${res.status} ${res.text}`);
    }
  }

  /** The attempts counted against an account (`account:<email>`) or an address (`ip:<address>`) in its window. */
  async function counted(key: string): Promise<number> {
    const { rows } = await store.db.query<{ attempts: number }>(
      'SELECT attempts FROM login_counters WHERE key = $1',
      [key],
    );
    return rows[0]?.attempts ?? 0;
  }

  /** Moves the start of the account's window `seconds` into the past, as if that much time had gone by. */
  async function age(email: string, seconds: number): Promise<void> {
    await store.db.query(
      `UPDATE login_counters SET window_start = window_start - make_interval(secs => $2) WHERE key = $1`,
      [`account:${email}`, seconds],
    );
  }

  describe('per account', () => {
    it('When an account has used up its failures, then even the right password gets 429 with Retry-After, from anywhere', async () => {
      const email = await account();
      for (const ip of [uniqueIp(), uniqueIp(), uniqueIp()]) await fail(email, ip);
      const res = await login(store.app, email, PASSWORD, uniqueIp());
      expectProblem(res, 429, 'TOO_MANY_LOGIN_ATTEMPTS');
      const retryAfter = Number(res.headers['retry-after']);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(600);
      expect(res.body.accessToken).toBeUndefined();
    });

    it('When one account is throttled, then another account from the same address still logs in', async () => {
      const [victim, other, ip] = [await account(), await account(), uniqueIp()];
      await fail(victim, ip, 3);
      expect((await login(store.app, other, PASSWORD, ip)).status).toBe(200);
    });

    it('When the address has no account, then it is throttled just the same, so 429 reveals nothing', async () => {
      const nobody = uniqueEmail('nobody');
      await fail(nobody, uniqueIp(), 3);
      expectProblem(await login(store.app, nobody, WRONG, uniqueIp()), 429, 'TOO_MANY_LOGIN_ATTEMPTS');
    });

    it('When the window has passed, then the account can log in again', async () => {
      const email = await account();
      await fail(email, uniqueIp(), 3);
      await age(email, 601);
      expect((await login(store.app, email, PASSWORD, uniqueIp())).status).toBe(200);
    });

    it('When the account is throttled, then Retry-After says when its window ends', async () => {
      const email = await account();
      await fail(email, uniqueIp(), 3);
      await age(email, 500);
      const res = await login(store.app, email, PASSWORD, uniqueIp());
      expectProblem(res, 429, 'TOO_MANY_LOGIN_ATTEMPTS');
      expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(95);
      expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(100);
    });

    it('When attempts are refused with 429, then they are not counted, so the wait does not grow', async () => {
      const email = await account();
      await fail(email, uniqueIp(), 3);
      for (let i = 0; i < 3; i++) await login(store.app, email, WRONG, uniqueIp());
      expect(await counted(`account:${email}`)).toBe(3);
    });

    it('When the owner logs in between failures, then the account’s count starts again', async () => {
      const [email, ip] = [await account(), uniqueIp()];
      for (let round = 0; round < 3; round++) {
        await fail(email, uniqueIp(), 2);
        expect({ round, status: (await login(store.app, email, PASSWORD, ip)).status }).toEqual({
          round,
          status: 200,
        });
      }
    });

    it('When a user logs in successfully again and again, then they are never throttled', async () => {
      const [email, ip] = [await account(), uniqueIp()];
      for (let i = 0; i < 8; i++) {
        expect({ attempt: i + 1, status: (await login(store.app, email, PASSWORD, ip)).status }).toEqual({
          attempt: i + 1,
          status: 200,
        });
      }
    });

    it('When 40 wrong guesses at one account arrive at once, then only 3 reach the password check and the rest get 429', async () => {
      const email = await account();
      const responses = await Promise.all(
        Array.from({ length: 40 }, () => login(store.app, email, WRONG, uniqueIp())),
      );
      expect(statusCounts(responses)).toEqual({ 401: 3, 429: 37 });
      expect(await counted(`account:${email}`)).toBe(3);
    });

    it('When the right password hides in a burst of guesses, then no more than 3 passwords are checked in all', async () => {
      const email = await account();
      const responses = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          login(store.app, email, i === 20 ? PASSWORD : WRONG, uniqueIp()),
        ),
      );
      const counts = statusCounts(responses);
      expect((counts[401] ?? 0) + (counts[200] ?? 0)).toBeLessThanOrEqual(3);
      expect(counts[429]).toBeGreaterThanOrEqual(27);
    });
  });

  describe('per client address', () => {
    it('When one address fails on many accounts, then it gets 429, while other addresses do not', async () => {
      const [user, sprayer] = [await account(), uniqueIp()];
      for (let i = 0; i < 6; i++) await fail(uniqueEmail('sprayed'), sprayer);
      expectProblem(await login(store.app, user, PASSWORD, sprayer), 429, 'TOO_MANY_LOGIN_ATTEMPTS');
      expect((await login(store.app, user, PASSWORD, uniqueIp())).status).toBe(200);
    });

    it('When the sprayer logs into an account of their own in between, then the address’s count does not start again', async () => {
      const [own, sprayer] = [await account(), uniqueIp()];
      for (let i = 0; i < 5; i++) await fail(uniqueEmail('sprayed'), sprayer);
      expect((await login(store.app, own, PASSWORD, sprayer)).status).toBe(200);
      await fail(own, sprayer);
      expectProblem(await login(store.app, own, PASSWORD, sprayer), 429, 'TOO_MANY_LOGIN_ATTEMPTS');
    });

    it('When 60 guesses at different accounts come from one address at once, then only 6 reach the password check', async () => {
      const sprayer = uniqueIp();
      const responses = await Promise.all(
        Array.from({ length: 60 }, () => login(store.app, uniqueEmail('sprayed'), WRONG, sprayer)),
      );
      expect(statusCounts(responses)).toEqual({ 401: 6, 429: 54 });
    });

    it('When the address refuses an attempt, then that attempt does not count against the account either', async () => {
      const [email, sprayer] = [await account(), uniqueIp()];
      await fail(email, uniqueIp());
      for (let i = 0; i < 6; i++) await fail(uniqueEmail('sprayed'), sprayer);
      expectProblem(await login(store.app, email, WRONG, sprayer), 429, 'TOO_MANY_LOGIN_ATTEMPTS');
      expect(await counted(`account:${email}`)).toBe(1);
    });
  });
});
