import { readConfig } from '@course/platform/config';
import { LOG_LEVELS, type LogLevel } from '@course/platform/logging';

export { ConfigError } from '@course/platform/config';

const NODE_ENVS = ['development', 'test', 'production'] as const;
type NodeEnv = (typeof NODE_ENVS)[number];

export interface TokenConfig {
  /** The HMAC key of the access tokens. Required, at least 32 characters, and never defaulted. */
  secret: string;
  issuer: string;
  audience: string;
  accessTtlSeconds: number;
  refreshTtlSeconds: number;
}

export interface LoginThrottleConfig {
  windowSeconds: number;
  maxAttemptsPerAccount: number;
  maxAttemptsPerIp: number;
}

export interface CacheConfig {
  /** How long a cached book, "not found" and list page live in Redis before they are loaded again. */
  bookTtlMs: number;
  notFoundTtlMs: number;
  listTtlMs: number;
  /** How long one Redis command may take before the cache answers "miss" and the API reads PostgreSQL. */
  timeoutMs: number;
}

export interface RateLimitConfig {
  /** Requests per window, per user (or per address without a valid token). */
  limit: number;
  windowSeconds: number;
  /** What the API does when Redis cannot count: serve unlimited ('open') or refuse with 503 ('closed'). */
  onUnavailable: 'open' | 'closed';
}

export interface Config {
  port: number;
  logLevel: LogLevel;
  nodeEnv: NodeEnv;
  databaseUrl: string;
  redisUrl: string;
  /** How many proxies in front of the app may be believed about the client's address (X-Forwarded-For). */
  trustProxyHops: number;
  /** Origins whose browser scripts may call the API (CORS); no other origin gets CORS headers. */
  corsOrigins: string[];
  /** The bcrypt cost factor: each step doubles the time a hash takes, for us and for an attacker. */
  bcryptCost: number;
  tokens: TokenConfig;
  loginThrottle: LoginThrottleConfig;
  cache: CacheConfig;
  rateLimit: RateLimitConfig;
}

export const MIN_SECRET_LENGTH = 32;
/** About a quarter of a second per hash on the machine the README measured on; measure yours before you change it. */
export const DEFAULT_BCRYPT_COST = 12;
// bcrypt's own floor is 4, which is only fit for tests: a hash then takes about a millisecond.
const MIN_BCRYPT_COST = { test: 4, other: 10 };

/** Reads and checks the environment once, at startup, and reports every problem in one error. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  return readConfig(env, (read) => {
    const nodeEnv = read.oneOf('NODE_ENV', NODE_ENVS, 'development');
    const minCost = nodeEnv === 'test' ? MIN_BCRYPT_COST.test : MIN_BCRYPT_COST.other;
    return {
      port: read.integer('PORT', { min: 0, max: 65535, default: 3005 }),
      logLevel: read.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
      nodeEnv,
      databaseUrl: read.databaseUrl(),
      redisUrl: read.text('REDIS_URL', 'redis://127.0.0.1:6379'),
      trustProxyHops: read.integer('TRUST_PROXY', { min: 0, max: 10, default: 0 }),
      corsOrigins: read.origins('CORS_ORIGINS'),
      bcryptCost: read.integer('BCRYPT_COST', { min: minCost, max: 15, default: DEFAULT_BCRYPT_COST }),
      tokens: {
        secret: read.secret('JWT_SECRET', MIN_SECRET_LENGTH),
        issuer: read.text('JWT_ISSUER', 'bookstore-api'),
        audience: read.text('JWT_AUDIENCE', 'bookstore-clients'),
        accessTtlSeconds: read.integer('ACCESS_TOKEN_TTL_SECONDS', {
          min: 1,
          max: 60 * 60,
          default: 15 * 60,
        }),
        refreshTtlSeconds: read.integer('REFRESH_TOKEN_TTL_SECONDS', {
          min: 60,
          max: 90 * 24 * 60 * 60,
          default: 14 * 24 * 60 * 60,
        }),
      },
      loginThrottle: {
        windowSeconds: read.integer('LOGIN_WINDOW_SECONDS', { min: 1, max: 24 * 60 * 60, default: 15 * 60 }),
        maxAttemptsPerAccount: read.integer('LOGIN_MAX_ATTEMPTS_PER_ACCOUNT', {
          min: 1,
          max: 1000,
          default: 5,
        }),
        maxAttemptsPerIp: read.integer('LOGIN_MAX_ATTEMPTS_PER_IP', { min: 1, max: 100_000, default: 20 }),
      },
      cache: {
        bookTtlMs: read.integer('CACHE_BOOK_TTL_MS', { min: 1, max: 24 * 60 * 60 * 1000, default: 60_000 }),
        notFoundTtlMs: read.integer('CACHE_NOT_FOUND_TTL_MS', { min: 1, max: 60_000, default: 5_000 }),
        listTtlMs: read.integer('CACHE_LIST_TTL_MS', { min: 1, max: 60 * 60 * 1000, default: 30_000 }),
        timeoutMs: read.integer('CACHE_TIMEOUT_MS', { min: 1, max: 5_000, default: 100 }),
      },
      rateLimit: {
        limit: read.integer('RATE_LIMIT', { min: 1, max: 1_000_000, default: 100 }),
        windowSeconds: read.integer('RATE_LIMIT_WINDOW_SECONDS', { min: 1, max: 24 * 60 * 60, default: 60 }),
        onUnavailable: read.oneOf('RATE_LIMIT_ON_UNAVAILABLE', ['open', 'closed'] as const, 'open'),
      },
    };
  });
}
