import { ConfigError, EnvReader, readConfig } from '.';

const SECRET = 'a'.repeat(32);

function problemsOf(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('readConfig()', () => {
  it('When every variable is valid, then the typed config comes back', () => {
    const config = readConfig(
      {
        PORT: '8080',
        NODE_ENV: 'test',
        JWT_SECRET: SECRET,
        DATABASE_URL: 'postgres://u@h:5432/db',
        DEBUG: 'yes',
      },
      (env) => ({
        port: env.integer('PORT', { min: 0, max: 65535, default: 3000 }),
        nodeEnv: env.oneOf('NODE_ENV', ['development', 'test', 'production'], 'development'),
        secret: env.secret('JWT_SECRET'),
        databaseUrl: env.databaseUrl(),
        debug: env.boolean('DEBUG', false),
        origins: env.origins('CORS_ORIGINS'),
      }),
    );
    expect(config).toEqual({
      port: 8080,
      nodeEnv: 'test',
      secret: SECRET,
      databaseUrl: 'postgres://u@h:5432/db',
      debug: true,
      origins: [],
    });
  });

  it('When several variables are wrong, then one ConfigError lists every problem', () => {
    const problems = problemsOf(() =>
      readConfig(
        { PORT: '70000', NODE_ENV: 'prod', REDIS_URL: 'http://x', CORS_ORIGINS: 'https://a.example/path' },
        (env) => ({
          port: env.integer('PORT', { min: 0, max: 65535, default: 3000 }),
          nodeEnv: env.oneOf('NODE_ENV', ['development', 'production'], 'development'),
          secret: env.secret('JWT_SECRET'),
          databaseUrl: env.databaseUrl(),
          redisUrl: env.redisUrl(),
          origins: env.origins('CORS_ORIGINS'),
        }),
      ),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^PORT must be an integer from 0 to 65535, not "70000"/),
      expect.stringMatching(/^NODE_ENV must be one of development, production, not "prod"/),
      expect.stringMatching(/^JWT_SECRET must be set/),
      expect.stringMatching(/^DATABASE_URL must be set/),
      expect.stringMatching(/^REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/),
      expect.stringMatching(/^CORS_ORIGINS must list origins/),
    ]);
  });

  it('When a secret is too short, then the problem says its length and never its value', () => {
    const error = (() => {
      try {
        readConfig({ JWT_SECRET: 'hunter2-short' }, (env) => env.secret('JWT_SECRET'));
      } catch (thrown) {
        return thrown as ConfigError;
      }
      throw new Error('no ConfigError');
    })();
    expect(error.message).toMatch(/at least 32 characters long \(it has 13\)/);
    expect(error.message).not.toContain('hunter2');
  });

  it('When a database URL with a password is malformed, then the problem does not repeat it', () => {
    const problems = problemsOf(() =>
      readConfig({ DATABASE_URL: 'mysql://u:s3cret@h/db' }, (env) => env.databaseUrl()),
    );
    expect(problems).toHaveLength(1);
    expect(problems.join()).not.toContain('s3cret');
  });

  it('When an integer has no default and is unset, or is not a whole number, then it is a problem', () => {
    const reader = new EnvReader({ B: '1.5', C: '12abc' });
    reader.integer('A', { min: 1, max: 10 });
    reader.integer('B', { min: 1, max: 10 });
    reader.integer('C', { min: 1, max: 100 });
    expect(reader.problems).toHaveLength(3);
  });

  it('When a variable is set to the empty string, then it counts as unset', () => {
    expect(
      readConfig({ PORT: '' }, (env) => env.integer('PORT', { min: 0, max: 65535, default: 3000 })),
    ).toBe(3000);
    expect(problemsOf(() => readConfig({ JWT_SECRET: '' }, (env) => env.secret('JWT_SECRET')))).toHaveLength(
      1,
    );
  });
});
