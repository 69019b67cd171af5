import { redactUrl } from './index';

describe('redactUrl', () => {
  it('When a URL has a password, then it is replaced and the rest is kept', () => {
    expect(redactUrl('postgres://app:s3cret@db.internal:5432/bookstore?sslmode=require')).toBe(
      'postgres://app:***@db.internal:5432/bookstore?sslmode=require',
    );
    expect(redactUrl('redis://:s3cret@127.0.0.1:6379/2')).toBe('redis://:***@127.0.0.1:6379/2');
  });

  it('When a password is passed as a query parameter, then it is replaced too', () => {
    expect(redactUrl('postgres://app@db/bookstore?password=s3cret')).toBe(
      'postgres://app@db/bookstore?password=***',
    );
  });

  it('When the URL has no password, then it is unchanged', () => {
    expect(redactUrl('postgres://postgres@127.0.0.1:5432/postgres')).toBe(
      'postgres://postgres@127.0.0.1:5432/postgres',
    );
  });

  it('When the URL does not parse, then nothing but its scheme is shown', () => {
    expect(redactUrl('postgres://app:s3cret@db:port/x')).toBe('postgres:<unparseable URL>');
  });
});
