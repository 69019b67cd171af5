/*
 * What does the cache buy? Run it with `pnpm bench`; DATABASE_URL and REDIS_URL name the servers. It reports numbers
 * from one run and asserts nothing.
 */
import { Redis } from 'ioredis';
import { measureHotKey } from './hot-key';

const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    if (keys.length > 0) await redis.unlink(...keys.map((key) => key.slice(prefix.length)));
    cursor = next;
  } while (cursor !== '0');
}

async function main(): Promise<void> {
  const prefix = `bench:ch05:${process.pid}:`;
  const redis = new Redis(redisUrl, { keyPrefix: prefix });
  try {
    console.log('\nQueries per expiry of one hot key, 20 clients:');
    const hot = await measureHotKey(redis, databaseUrl);
    for (const [name, r] of Object.entries(hot)) {
      const perExpiry = (r.queries / r.expiries).toFixed(1);
      console.log(
        `  ${name.padEnd(13)} ${perExpiry.padStart(5)} queries per expiry (${r.requests} requests)`,
      );
    }
  } finally {
    await deleteKeys(redis, prefix);
    await redis.quit();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
