import { databaseName, describeDatabase, withDatabase } from './database';

describe('database URLs', () => {
  it('When a URL carries a password, then the description leaves it out', () => {
    expect(describeDatabase('postgres://app:s3cret@db.local:6543/bookstore')).toBe(
      'bookstore on db.local:6543',
    );
  });

  it('When another database is chosen, then server, credentials and parameters stay', () => {
    const url = withDatabase('postgres://app:s3cret@db.local:6543/bookstore?sslmode=require', 'shadow_1');

    expect(url).toBe('postgres://app:s3cret@db.local:6543/shadow_1?sslmode=require');
    expect(databaseName(url)).toBe('shadow_1');
  });

  it('When the URL is not a PostgreSQL one, then it is rejected without echoing it', () => {
    expect(() => describeDatabase('mysql://root:s3cret@localhost/shop')).toThrow(
      expect.objectContaining({
        code: 'DATABASE_URL_INVALID',
        message: expect.not.stringContaining('s3cret'),
      }),
    );
  });
});
