import { readConfig } from '@course/platform/config';
import { LOG_LEVELS, type LogLevel } from '@course/platform/logging';
import type { TokenConfig } from './auth/access-token';

export interface RateLimitConfig {
  /** Attempts per window: registrations per address, logins per address and per email. */
  registrationsPerIp: number;
  loginsPerIp: number;
  loginsPerEmail: number;
  windowSeconds: number;
}

export interface Config {
  port: number;
  logLevel: LogLevel;
  production: boolean;
  databaseUrl: string;
  databasePoolSize: number;
  redisUrl: string;
  /** Every Redis key of this service starts with it, so that services can share a server. */
  redisKeyPrefix: string;
  /** How many proxies in front of the app may be believed about the client's address (X-Forwarded-For). */
  trustProxyHops: number;
  corsOrigins: string[];
  /** The bcrypt cost factor: each step doubles the time a hash takes, for us and for an attacker. */
  bcryptCost: number;
  tokens: TokenConfig;
  rateLimit: RateLimitConfig;
  cache: {
    /** How long an anonymous read stays cached; 0: no caching. */
    publicTtlMs: number;
    timeoutMs: number;
  };
  shutdownTimeoutMs: number;
}

/** Reads and checks the environment once, at startup, and reports every problem in one error. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  return readConfig(env, (read) => {
    const nodeEnv = read.oneOf('NODE_ENV', ['development', 'test', 'production'], 'development');
    return {
      port: read.integer('PORT', { min: 0, max: 65535, default: 3000 }),
      logLevel: read.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
      production: nodeEnv === 'production',
      databaseUrl: read.databaseUrl(),
      databasePoolSize: read.integer('DATABASE_POOL_SIZE', { min: 1, max: 100, default: 10 }),
      redisUrl: read.redisUrl(),
      redisKeyPrefix: read.text('REDIS_KEY_PREFIX', 'conduit:'),
      trustProxyHops: read.integer('TRUST_PROXY', { min: 0, max: 10, default: 0 }),
      corsOrigins: read.origins('CORS_ORIGINS'),
      // bcrypt's floor of 4 is only fit for tests: a hash then takes about a millisecond.
      bcryptCost: read.integer('BCRYPT_COST', {
        min: nodeEnv === 'production' ? 10 : 4,
        max: 15,
        default: 12,
      }),
      tokens: {
        secret: read.secret('JWT_SECRET'),
        issuer: read.text('JWT_ISSUER', 'conduit'),
        audience: read.text('JWT_AUDIENCE', 'conduit-clients'),
        // The spec has no refresh token, so an access token lives for a working day.
        accessTtlSeconds: read.integer('JWT_TTL_SECONDS', {
          min: 60,
          max: 7 * 24 * 3600,
          default: 24 * 3600,
        }),
      },
      rateLimit: {
        registrationsPerIp: read.integer('RATE_LIMIT_REGISTRATIONS_PER_IP', {
          min: 1,
          max: 1_000_000,
          default: 20,
        }),
        loginsPerIp: read.integer('RATE_LIMIT_LOGINS_PER_IP', { min: 1, max: 1_000_000, default: 60 }),
        loginsPerEmail: read.integer('RATE_LIMIT_LOGINS_PER_EMAIL', { min: 1, max: 1_000_000, default: 10 }),
        windowSeconds: read.integer('RATE_LIMIT_WINDOW_SECONDS', {
          min: 1,
          max: 24 * 3600,
          default: 15 * 60,
        }),
      },
      cache: {
        // Anonymous reads of articles and tags; 0 turns the cache off (the benchmark's baseline).
        publicTtlMs: read.integer('CACHE_PUBLIC_TTL_MS', { min: 0, max: 60 * 60 * 1000, default: 30_000 }),
        timeoutMs: read.integer('CACHE_TIMEOUT_MS', { min: 1, max: 5_000, default: 100 }),
      },
      shutdownTimeoutMs: read.integer('SHUTDOWN_TIMEOUT_MS', { min: 0, max: 120_000, default: 10_000 }),
    };
  });
}
