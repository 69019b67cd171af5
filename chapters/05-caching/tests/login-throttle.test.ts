import { exercise } from '@course/test-harness';
import { useTestRedis } from '@course/test-harness/redis';
import { AppError } from '@course/platform/errors';
import { RedisLoginThrottle } from '@target/auth/redis-login-throttle';
import { keysWithTtl } from './support/redis-keys';

const redis = useTestRedis();
let emailCounter = 0;
const uniqueEmail = () => `reader-${process.pid}-${++emailCounter}@bookstore.example`;
let ipCounter = 0;
const uniqueIp = () => `198.51.100.${++ipCounter}`;

function throttle(maxAttemptsPerAccount = 5, maxAttemptsPerIp = 20) {
  return new RedisLoginThrottle({
    redis: redis.client,
    windowSeconds: 900,
    maxAttemptsPerAccount,
    maxAttemptsPerIp,
  });
}

/** What check() did: passed, or the status and Retry-After of the error it threw. */
async function attempt(t: RedisLoginThrottle, email: string, ip: string) {
  try {
    await t.check(email, ip);
    return 'allowed';
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return `${error.status} ${error.code} retry-after=${error.headers['Retry-After']}`;
  }
}

exercise('5.6', () => {
  it('When 20 guesses at one account arrive at once, then exactly 5 are let through to the password check', async () => {
    const t = throttle(5);
    const email = uniqueEmail();
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => attempt(t, email, uniqueIp())));
    expect(outcomes.filter((o) => o === 'allowed')).toHaveLength(5);
    const refused = outcomes.filter((o) => o !== 'allowed');
    expect(refused).toHaveLength(15);
    expect(refused[0]).toMatch(/^429 TOO_MANY_LOGIN_ATTEMPTS retry-after=(89\d|900)$/);
  });

  it('When one address tries many accounts, then its own limit stops it', async () => {
    const t = throttle(5, 3);
    const ip = uniqueIp();
    const outcomes = [];
    for (let i = 0; i < 4; i++) outcomes.push(await attempt(t, uniqueEmail(), ip));
    expect(outcomes.slice(0, 3)).toEqual(['allowed', 'allowed', 'allowed']);
    expect(outcomes[3]).toMatch(/^429 /);
  });

  it('When a login succeeds, then the account starts over and the address gets that attempt back', async () => {
    const t = throttle(2, 3);
    const email = uniqueEmail();
    const ip = uniqueIp();
    await t.check(email, ip);
    await t.record(email, ip, false);
    await t.check(email, ip);
    await t.record(email, ip, true);
    // The account starts over at 0 of 2; the address has 1 of 3 counted: the failure, not the success.
    expect(await attempt(t, email, ip)).toBe('allowed');
    expect(await attempt(t, email, ip)).toBe('allowed');
    expect(await attempt(t, uniqueEmail(), ip)).toMatch(/^429 /);
  });

  it('When a failure is recorded, then it stays counted', async () => {
    const t = throttle(1);
    const email = uniqueEmail();
    await t.check(email, uniqueIp());
    await t.record(email, uniqueIp(), false);
    expect(await attempt(t, email, uniqueIp())).toMatch(/^429 /);
  });

  it('When the email differs only in case or spaces, then it is the same account', async () => {
    const t = throttle(1);
    const email = uniqueEmail();
    await t.check(email, uniqueIp());
    expect(await attempt(t, `  ${email.toUpperCase()} `, uniqueIp())).toMatch(/^429 /);
  });

  it('When the throttle has counted, then every key has a TTL and a huge email gives a short key', async () => {
    const t = throttle();
    const ip = uniqueIp();
    await t.check(`${'x'.repeat(100_000)}@bookstore.example`, ip);
    await t.record('someone@bookstore.example', ip, true);
    const keys = (await keysWithTtl(redis)).filter(({ key }) => key.startsWith('login:'));
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.filter(({ pttl }) => pttl <= 0)).toEqual([]);
    expect(Math.max(...keys.map(({ key }) => key.length))).toBeLessThan(100);
  });
});
