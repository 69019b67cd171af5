import { cleanupRedis, createTestRedis, type TestRedis } from './test-redis';
import { currentTestPath, packageName } from './services';

export {
  cleanupRedis,
  createTestRedis,
  deleteKeys,
  type CreateTestRedisOptions,
  type TestRedis,
} from './test-redis';
export { redisUrl, serviceError } from './services';

/**
 * Gives the calling test file a Redis key space of its own. Call it at the top level of the file: it registers a
 * beforeAll that connects `client` under a fresh `prefix`, and an afterAll that deletes every key under the prefix
 * and quits every client made with `createClient()`.
 *
 * The returned object can be used from tests and hooks only; reading it while the file loads, or after the
 * afterAll, throws.
 *
 * @example
 * const redis = useTestRedis();
 * it('When …, then …', async () => {
 *   const limiter = createRateLimiter({ redis: redis.client });
 *   ...
 * });
 */
export function useTestRedis(): TestRedis {
  const label = packageName(currentTestPath());
  let current: TestRedis | undefined;
  let cleaned = false;

  beforeAll(async () => {
    current = await createTestRedis({ label });
  });
  afterAll(async () => {
    const redis = current;
    current = undefined;
    cleaned = true;
    if (redis) await cleanupRedis(redis);
  });

  const live = (): TestRedis => {
    if (current) return current;
    throw new Error(
      cleaned
        ? 'useTestRedis(): its afterAll has deleted the keys and closed the clients; use it only in tests and hooks before that.'
        : 'useTestRedis(): the clients do not exist until its beforeAll has run; use them in tests and hooks, not while the test file loads.',
    );
  };
  return {
    get prefix() {
      return live().prefix;
    },
    get url() {
      return live().url;
    },
    get client() {
      return live().client;
    },
    createClient: (options) => live().createClient(options),
    close: () => live().close(),
  };
}
