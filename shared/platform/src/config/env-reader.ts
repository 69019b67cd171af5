/** Thrown once, at startup, with every problem of the environment in its message. */
export class ConfigError extends Error {
  override name = 'ConfigError';

  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
}

/** The shortest secret {@link EnvReader.secret} accepts by default: 32 characters, 256 bits of hex. */
export const MIN_SECRET_LENGTH = 32;

/** Bounds and default of an integer setting. */
export interface IntegerOptions {
  min: number;
  max: number;
  /** The value when the variable is unset. Without one, the variable is required. */
  default?: number;
}

/**
 * Reads environment variables and collects every problem instead of stopping at the first, so that one start
 * reports everything that is wrong. Each method returns a usable placeholder after recording a problem; call
 * {@link EnvReader.done} (or use {@link readConfig}) to throw them all as one ConfigError.
 *
 * Secrets and URLs that may hold a password have no default: a missing one is an error, never a guess.
 */
export class EnvReader {
  readonly problems: string[] = [];

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  private raw(name: string): string | undefined {
    const value = this.env[name];
    return value === '' ? undefined : value;
  }

  /** A whole number from `min` to `max`. */
  integer(name: string, { min, max, default: fallback }: IntegerOptions): number {
    const raw = this.raw(name) ?? (fallback === undefined ? undefined : String(fallback));
    if (raw === undefined) {
      this.problems.push(`${name} must be set to an integer from ${min} to ${max}`);
      return min;
    }
    const value = Number(raw);
    if (/^-?\d+$/.test(raw) && value >= min && value <= max) return value;
    this.problems.push(`${name} must be an integer from ${min} to ${max}, not "${raw}"`);
    return fallback ?? min;
  }

  /** One of `allowed`. */
  oneOf<const T extends string>(name: string, allowed: readonly T[], fallback?: NoInfer<T>): T {
    const raw = this.raw(name) ?? fallback;
    const found = allowed.find((value) => value === raw);
    if (found === undefined) {
      this.problems.push(
        raw === undefined
          ? `${name} must be set to one of ${allowed.join(', ')}`
          : `${name} must be one of ${allowed.join(', ')}, not "${raw}"`,
      );
    }
    return found ?? fallback ?? allowed[0]!;
  }

  /** `true` or `false` (also `1`/`0`, `yes`/`no`). */
  boolean(name: string, fallback?: boolean): boolean {
    const raw = this.raw(name)?.toLowerCase();
    if (raw === undefined && fallback !== undefined) return fallback;
    if (raw === 'true' || raw === '1' || raw === 'yes') return true;
    if (raw === 'false' || raw === '0' || raw === 'no') return false;
    this.problems.push(`${name} must be true or false${raw === undefined ? '' : `, not "${raw}"`}`);
    return fallback ?? false;
  }

  /** Text that is not blank. */
  text(name: string, fallback?: string): string {
    const raw = this.raw(name) ?? fallback;
    if (raw === undefined || raw.trim() === '') {
      this.problems.push(`${name} must be set and not blank`);
      return '';
    }
    return raw;
  }

  /**
   * A secret of at least `minLength` characters, never defaulted and never echoed back, not even in an error
   * message: configuration errors end up in logs.
   */
  secret(name: string, minLength = MIN_SECRET_LENGTH): string {
    const raw = this.raw(name);
    if (raw === undefined) {
      this.problems.push(`${name} must be set; generate one with: export ${name}=$(openssl rand -hex 32)`);
      return '';
    }
    if (raw.length < minLength) {
      this.problems.push(`${name} must be at least ${minLength} characters long (it has ${raw.length})`);
    }
    return raw;
  }

  private url(name: string, protocols: readonly string[], example: string): string {
    const raw = this.raw(name);
    if (raw === undefined) {
      this.problems.push(`${name} must be set, for example ${example}`);
      return '';
    }
    // The URL may hold a password, so a problem names the variable and never repeats its value.
    if (!URL.canParse(raw) || !protocols.includes(new URL(raw).protocol)) {
      this.problems.push(`${name} must be a ${protocols.map((p) => `${p}//`).join(' or ')} URL`);
    }
    return raw;
  }

  /** A PostgreSQL connection URL (postgres:// or postgresql://); required. */
  databaseUrl(name = 'DATABASE_URL'): string {
    return this.url(name, ['postgres:', 'postgresql:'], 'postgres://postgres@127.0.0.1:5432/bookstore');
  }

  /** A Redis connection URL (redis:// or rediss://); required. */
  redisUrl(name = 'REDIS_URL'): string {
    return this.url(name, ['redis:', 'rediss:'], 'redis://127.0.0.1:6379');
  }

  /** A comma-separated list of web origins such as `https://shop.example`; empty when unset. */
  origins(name: string): string[] {
    const origins = (this.raw(name) ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter((origin) => origin !== '');
    for (const origin of origins) {
      if (URL.canParse(origin) && new URL(origin).origin === origin) continue;
      this.problems.push(`${name} must list origins like https://shop.example, not "${origin}"`);
    }
    return origins;
  }

  /** Records a problem found by the caller, such as a rule between two settings. */
  problem(message: string): void {
    this.problems.push(message);
  }

  /** Throws one ConfigError with every problem recorded so far, if there is any. */
  done(): void {
    if (this.problems.length > 0) throw new ConfigError(this.problems);
  }
}

/**
 * Reads a configuration once, at startup: `build` reads every setting through the reader, and if any was wrong,
 * one ConfigError lists them all.
 *
 * @example
 * const config = readConfig(process.env, (env) => ({
 *   port: env.integer('PORT', { min: 0, max: 65535, default: 3000 }),
 *   databaseUrl: env.databaseUrl(),
 * }));
 */
export function readConfig<T>(env: NodeJS.ProcessEnv, build: (reader: EnvReader) => T): T {
  const reader = new EnvReader(env);
  const config = build(reader);
  reader.done();
  return config;
}
