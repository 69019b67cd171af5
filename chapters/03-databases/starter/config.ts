import { LOG_LEVELS, type LogLevel } from './logging/logger';

const NODE_ENVS = ['development', 'test', 'production'] as const;
type NodeEnv = (typeof NODE_ENVS)[number];

export interface Config {
  port: number;
  logLevel: LogLevel;
  nodeEnv: NodeEnv;
  /** Where the data lives, for example postgres://bookstore@127.0.0.1:5432/bookstore. */
  databaseUrl: string;
  /** How many connections the app's one pool may open. */
  databasePoolSize: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function integer(name: string, raw: string, min: number, max: number, problems: string[]): number {
  const value = Number(raw);
  if (/^\d+$/.test(raw) && value >= min && value <= max) return value;
  problems.push(`${name} must be an integer from ${min} to ${max}, not "${raw}"`);
  return min;
}

function oneOf<T extends string>(name: string, allowed: readonly T[], raw: string, problems: string[]): T {
  const found = allowed.find((value) => value === raw);
  if (found === undefined) problems.push(`${name} must be one of ${allowed.join(', ')}, not "${raw}"`);
  return found ?? allowed[0]!;
}

// The URL may hold a password, so it has no default: a missing one is an error, never a guess.
function databaseUrl(raw: string | undefined, problems: string[]): string {
  if (raw === undefined || raw === '') {
    problems.push('DATABASE_URL is required, for example postgres://postgres@127.0.0.1:5432/bookstore');
    return '';
  }
  if (!/^postgres(ql)?:\/\//.test(raw))
    problems.push('DATABASE_URL must start with postgres:// or postgresql://');
  return raw;
}

/** Reads and checks the environment once, at startup, and reports every problem in one error. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const problems: string[] = [];
  const config: Config = {
    port: integer('PORT', env.PORT ?? '3003', 0, 65535, problems),
    logLevel: oneOf('LOG_LEVEL', LOG_LEVELS, env.LOG_LEVEL ?? 'info', problems),
    nodeEnv: oneOf('NODE_ENV', NODE_ENVS, env.NODE_ENV ?? 'development', problems),
    databaseUrl: databaseUrl(env.DATABASE_URL, problems),
    databasePoolSize: integer('DATABASE_POOL_SIZE', env.DATABASE_POOL_SIZE ?? '10', 1, 100, problems),
  };
  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  return config;
}
