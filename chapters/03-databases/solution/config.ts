import { readConfig } from '@course/platform/config';
import { LOG_LEVELS, type LogLevel } from '@course/platform/logging';

export { ConfigError } from '@course/platform/config';

const NODE_ENVS = ['development', 'test', 'production'] as const;
type NodeEnv = (typeof NODE_ENVS)[number];

export interface Config {
  port: number;
  logLevel: LogLevel;
  nodeEnv: NodeEnv;
  /** Where the data lives, for example postgres://bookstore@127.0.0.1:5432/bookstore. It has no default. */
  databaseUrl: string;
  /** How many connections the app's one pool may open. */
  databasePoolSize: number;
}

/** Reads and checks the environment once, at startup, and reports every problem in one error. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  return readConfig(env, (read) => ({
    port: read.integer('PORT', { min: 0, max: 65535, default: 3003 }),
    logLevel: read.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    nodeEnv: read.oneOf('NODE_ENV', NODE_ENVS, 'development'),
    databaseUrl: read.databaseUrl(),
    databasePoolSize: read.integer('DATABASE_POOL_SIZE', { min: 1, max: 100, default: 10 }),
  }));
}
