import { LOG_LEVELS, type LogLevel } from './logging/logger';

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
  maxFailuresPerAccount: number;
  maxFailuresPerIp: number;
}

export interface Config {
  port: number;
  logLevel: LogLevel;
  nodeEnv: NodeEnv;
  databaseUrl: string;
  /** How many proxies in front of the app may be believed about the client's address (X-Forwarded-For). */
  trustProxyHops: number;
  /** Origins whose browser scripts may call the API (CORS); no other origin gets CORS headers. */
  corsOrigins: string[];
  /** The bcrypt cost factor: each step doubles the time a hash takes, for us and for an attacker. */
  bcryptCost: number;
  tokens: TokenConfig;
  loginThrottle: LoginThrottleConfig;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export const MIN_SECRET_LENGTH = 32;
/** About a quarter of a second per hash on the machine the README measured on; measure yours before you change it. */
export const DEFAULT_BCRYPT_COST = 12;
// bcrypt's own floor is 4, which is only fit for tests: a hash then takes about a millisecond.
const MIN_BCRYPT_COST = { test: 4, other: 10 };

class Reader {
  readonly problems: string[] = [];

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.env[name] ?? fallback;
    const found = allowed.find((value) => value === raw);
    if (found === undefined) this.problems.push(`${name} must be one of ${allowed.join(', ')}, not "${raw}"`);
    return found ?? fallback;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const raw = this.env[name] ?? String(fallback);
    const value = Number(raw);
    if (/^\d+$/.test(raw) && value >= min && value <= max) return value;
    this.problems.push(`${name} must be an integer from ${min} to ${max}, not "${raw}"`);
    return fallback;
  }

  text(name: string, fallback: string): string {
    const raw = this.env[name] ?? fallback;
    if (raw.trim() === '') this.problems.push(`${name} must not be empty`);
    return raw;
  }

  databaseUrl(): string {
    const raw = this.env.DATABASE_URL;
    if (raw === undefined || raw === '') {
      this.problems.push('DATABASE_URL must be set, e.g. postgres://postgres@127.0.0.1:5432/bookstore');
    } else if (!/^postgres(ql)?:\/\//.test(raw)) {
      this.problems.push('DATABASE_URL must be a postgres:// URL');
    }
    return raw ?? '';
  }

  /** The secret is never echoed back, not even in an error message: config errors end up in logs. */
  secret(name: string): string {
    const raw = this.env[name];
    if (raw === undefined || raw === '') {
      this.problems.push(`${name} must be set; generate one with: export ${name}=$(openssl rand -hex 32)`);
    } else if (raw.length < MIN_SECRET_LENGTH) {
      this.problems.push(
        `${name} must be at least ${MIN_SECRET_LENGTH} characters long (it has ${raw.length})`,
      );
    }
    return raw ?? '';
  }

  origins(name: string): string[] {
    const raw = this.env[name] ?? '';
    const origins = raw
      .split(',')
      .map((origin) => origin.trim())
      .filter((origin) => origin !== '');
    for (const origin of origins) {
      if (URL.canParse(origin) && new URL(origin).origin === origin) continue;
      this.problems.push(`${name} must list origins like https://shop.example, not "${origin}"`);
    }
    return origins;
  }
}

/** Reads and checks the environment once, at startup, and reports every problem in one error. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const read = new Reader(env);
  const nodeEnv = read.oneOf('NODE_ENV', NODE_ENVS, 'development');
  const minCost = nodeEnv === 'test' ? MIN_BCRYPT_COST.test : MIN_BCRYPT_COST.other;
  const config: Config = {
    port: read.integer('PORT', 3004, 0, 65535),
    logLevel: read.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    nodeEnv,
    databaseUrl: read.databaseUrl(),
    trustProxyHops: read.integer('TRUST_PROXY', 0, 0, 10),
    corsOrigins: read.origins('CORS_ORIGINS'),
    bcryptCost: read.integer('BCRYPT_COST', DEFAULT_BCRYPT_COST, minCost, 15),
    tokens: {
      secret: read.secret('JWT_SECRET'),
      issuer: read.text('JWT_ISSUER', 'bookstore-api'),
      audience: read.text('JWT_AUDIENCE', 'bookstore-clients'),
      accessTtlSeconds: read.integer('ACCESS_TOKEN_TTL_SECONDS', 15 * 60, 1, 60 * 60),
      refreshTtlSeconds: read.integer('REFRESH_TOKEN_TTL_SECONDS', 14 * 24 * 60 * 60, 60, 90 * 24 * 60 * 60),
    },
    loginThrottle: {
      windowSeconds: read.integer('LOGIN_WINDOW_SECONDS', 15 * 60, 1, 24 * 60 * 60),
      maxFailuresPerAccount: read.integer('LOGIN_MAX_FAILURES_PER_ACCOUNT', 5, 1, 1000),
      maxFailuresPerIp: read.integer('LOGIN_MAX_FAILURES_PER_IP', 20, 1, 100_000),
    },
  };
  if (read.problems.length > 0) {
    throw new ConfigError(`Invalid configuration:\n  ${read.problems.join('\n  ')}`);
  }
  return config;
}
