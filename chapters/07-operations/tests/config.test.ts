import { exercise } from '@course/test-harness';
import { ConfigError, loadConfig } from '@target/config';

const VALID = {
  DATABASE_URL: 'postgres://app:pw@db:5432/bookstore',
  REDIS_URL: 'redis://cache:6379',
};
const noFiles = (file: string): string => {
  throw new Error(`no file ${file}`);
};

function problemsOf(env: NodeJS.ProcessEnv, readFile = noFiles): string[] {
  try {
    loadConfig(env, readFile);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  throw new Error('loadConfig accepted the environment');
}

exercise('7.1', () => {
  it('When only the URLs are set, then the other settings take their defaults', () => {
    expect(loadConfig(VALID, noFiles)).toEqual({
      nodeEnv: 'development',
      port: 3007,
      logLevel: 'info',
      databaseUrl: VALID.DATABASE_URL,
      redisUrl: VALID.REDIS_URL,
      healthTimeoutMs: 500,
      shutdownDelayMs: 0,
      shutdownBudgetMs: 10_000,
    });
  });

  it('When several settings are wrong, then one ConfigError lists every one of them', () => {
    const problems = problemsOf({
      PORT: '80a',
      LOG_LEVEL: 'loud',
      SHUTDOWN_BUDGET_MS: 'soon',
      NODE_ENV: 'prod',
    });
    expect(problems.join('\n')).toEqual(expect.stringContaining('PORT'));
    for (const name of ['PORT', 'LOG_LEVEL', 'SHUTDOWN_BUDGET_MS', 'NODE_ENV', 'DATABASE_URL', 'REDIS_URL']) {
      expect(problems.some((p) => p.startsWith(name))).toBe(true);
    }
  });

  it('When the database URL is missing, then there is no default: it is a problem', () => {
    expect(problemsOf({ REDIS_URL: VALID.REDIS_URL })).toEqual([
      expect.stringMatching(/^DATABASE_URL must be set/),
    ]);
  });

  it('When a URL is invalid, then the problem never repeats its value (it may hold a password)', () => {
    const problems = problemsOf({ ...VALID, DATABASE_URL: 'mysql://root:hunter2-secret@db/x' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).not.toContain('hunter2-secret');
  });

  it('When DATABASE_URL_FILE names a file, then the URL is read from it without its final newline', () => {
    const files: Record<string, string> = { '/run/secrets/db': 'postgres://app:from-file@db:5432/b\n' };
    const config = loadConfig({ REDIS_URL: VALID.REDIS_URL, DATABASE_URL_FILE: '/run/secrets/db' }, (f) => {
      const content = files[f];
      if (content === undefined) throw new Error('ENOENT');
      return content;
    });
    expect(config.databaseUrl).toBe('postgres://app:from-file@db:5432/b');
  });

  it('When REDIS_URL_FILE names a file, then the Redis URL comes from it too', () => {
    const config = loadConfig(
      { DATABASE_URL: VALID.DATABASE_URL, REDIS_URL_FILE: '/s/redis' },
      () => 'rediss://x:6380',
    );
    expect(config.redisUrl).toBe('rediss://x:6380');
  });

  it('When a *_FILE cannot be read, then the problem names the variable and the path, and the others are still reported', () => {
    const problems = problemsOf({ DATABASE_URL_FILE: '/run/secrets/missing', PORT: '-1' });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^DATABASE_URL_FILE .*\/run\/secrets\/missing/),
        expect.stringMatching(/^PORT/),
        expect.stringMatching(/^REDIS_URL/),
      ]),
    );
  });

  it('When both NAME and NAME_FILE are set, then that is a problem, not a silent choice', () => {
    const problems = problemsOf({ ...VALID, DATABASE_URL_FILE: '/s/db' }, () => VALID.DATABASE_URL);
    expect(problems).toEqual([expect.stringMatching(/DATABASE_URL and DATABASE_URL_FILE/)]);
  });

  it('When the shutdown delay is not shorter than the budget, then that is a problem', () => {
    const problems = problemsOf({ ...VALID, SHUTDOWN_DELAY_MS: '5000', SHUTDOWN_BUDGET_MS: '5000' });
    expect(problems).toEqual([expect.stringContaining('SHUTDOWN_DELAY_MS')]);
  });
});
