import { LOG_LEVELS, type LogLevel } from './logging/logger';

const NODE_ENVS = ['development', 'test', 'production'] as const;
type NodeEnv = (typeof NODE_ENVS)[number];

export interface Config {
  port: number;
  logLevel: LogLevel;
  nodeEnv: NodeEnv;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function port(raw: string, problems: string[]): number {
  const value = Number(raw);
  if (/^\d+$/.test(raw) && value <= 65535) return value;
  problems.push(`PORT must be an integer from 0 to 65535, not "${raw}"`);
  return 0;
}

function oneOf<T extends string>(name: string, allowed: readonly T[], raw: string, problems: string[]): T {
  const found = allowed.find((value) => value === raw);
  if (found === undefined) problems.push(`${name} must be one of ${allowed.join(', ')}, not "${raw}"`);
  return found ?? allowed[0]!;
}

/** Reads and checks the environment once, at startup, and reports every problem in one error. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const problems: string[] = [];
  const config: Config = {
    port: port(env.PORT ?? '3002', problems),
    logLevel: oneOf('LOG_LEVEL', LOG_LEVELS, env.LOG_LEVEL ?? 'info', problems),
    nodeEnv: oneOf('NODE_ENV', NODE_ENVS, env.NODE_ENV ?? 'development', problems),
  };
  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  return config;
}
