import { memoryLogger } from '@course/test-harness/logs';
import { createLogger, currentRequestId, isSecretKey, redact, REDACTED, runWithRequestId } from '.';

describe('createLogger()', () => {
  it('When a line is written inside a request context, then it carries the request id; outside, it has none', async () => {
    const { logger, logs } = memoryLogger(createLogger);
    logger.info('at startup');
    await runWithRequestId('req-7', async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      logger.info('deep inside');
      expect(currentRequestId()).toBe('req-7');
    });
    expect(logs.map((e) => [e.message, e.requestId])).toEqual([
      ['at startup', undefined],
      ['deep inside', 'req-7'],
    ]);
    expect(currentRequestId()).toBeUndefined();
  });

  it('When a line names its own requestId, then that one is kept', () => {
    const { logger, logs } = memoryLogger(createLogger);
    runWithRequestId('outer', () => logger.info('explicit', { requestId: 'inner' }));
    expect(logs[0]!.requestId).toBe('inner');
  });

  it("When a line holds secrets at any depth, then they are masked and the caller's object is untouched", () => {
    const { logger, logs } = memoryLogger(createLogger);
    const meta = {
      user: { email: 'a@b.example', passwordHash: '$2b$...' },
      headers: { Authorization: 'Bearer x' },
    };
    logger.info('login', { ...meta, refresh_token: 'r' });
    expect(logs[0]).toMatchObject({
      user: { email: 'a@b.example', passwordHash: REDACTED },
      headers: { Authorization: REDACTED },
      refresh_token: REDACTED,
    });
    expect(meta.user.passwordHash).toBe('$2b$...');
  });
});

describe('createLogger(): levels', () => {
  it('When a line is below the level, then it is dropped before any format reads it; at a lower level it is written', () => {
    const { logger, logs } = memoryLogger(createLogger);
    logger.level = 'info';
    let reads = 0;
    // Nested, so that only the formats (which mask secrets at any depth, then serialise) read it.
    const meta = {
      nested: {
        get costly() {
          reads++;
          return 'computed';
        },
      },
    };
    logger.debug('below the level', meta);
    expect(reads).toBe(0);
    logger.level = 'debug';
    logger.debug('at the level', meta);
    expect(reads).toBeGreaterThan(0);
    expect(logs.map((entry) => [entry.message, entry.nested])).toEqual([
      ['at the level', { costly: 'computed' }],
    ]);
  });
});

describe('isSecretKey() and redact()', () => {
  it.each(['password', 'newPassword', 'access_token', 'Access-Token', 'clientSecret', 'cookie', 'x-api-key'])(
    'When a key is %s, then it is a secret',
    (key) => expect(isSecretKey(key)).toBe(true),
  );

  it.each(['email', 'itemCount', 'name', 'id'])('When a key is %s, then it is not', (key) =>
    expect(isSecretKey(key)).toBe(false),
  );

  it('When values are arrays, dates and numbers, then they pass through', () => {
    const date = new Date(0);
    expect(redact([{ token: 1 }, date, 3])).toEqual([{ token: REDACTED }, date, 3]);
  });
});
