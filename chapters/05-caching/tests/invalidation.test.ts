import { exercise } from '@course/test-harness';
import { useTestDatabase } from '@course/test-harness/postgres';
import { useTestRedis } from '@course/test-harness/redis';
import { CacheAside } from '@target/cache/cache-aside';
import { RedisCache } from '@target/cache/redis-cache';
import { CachedBookRepository } from '@target/books/cached-book.repository';
import { gate, keysWithTtl } from './support/redis-keys';
import { BOOKS_SQL, SqlBookRepository } from './support/sql-book.repository';

const db = useTestDatabase({ schemaSql: BOOKS_SQL });
const redis = useTestRedis();
const TTLS = { bookMs: 60_000, notFoundMs: 5_000, listMs: 30_000 };

function cachedBooks() {
  const sql = new SqlBookRepository(db.pool);
  const aside = new CacheAside({
    cache: new RedisCache({ redis: redis.client, timeoutMs: 1000 }),
    ttlMs: 60_000,
  });
  return { sql, books: new CachedBookRepository(sql, aside, TTLS) };
}

exercise('5.3', () => {
  it('When a book is read again, then it comes from the cache, with its dates as Dates', async () => {
    const { sql, books } = cachedBooks();
    const created = await books.create({ title: 'The Word for World Is Forest' });
    const first = await books.findById(created.id);
    const queries = sql.queries;
    const second = await books.findById(created.id);
    expect(sql.queries).toBe(queries);
    expect(second).toEqual(first);
    expect(second!.createdAt).toBeInstanceOf(Date);
    expect(second!.updatedAt.getTime()).toBe(created.updatedAt.getTime());
  });

  it('When a book is updated, then the next read returns the new version', async () => {
    const { books } = cachedBooks();
    const created = await books.create({ title: 'Old title' });
    await books.findById(created.id);
    await books.update(created.id, { title: 'New title' });
    expect((await books.findById(created.id))?.title).toBe('New title');
  });

  it('When a book is deleted, then the next read finds nothing', async () => {
    const { books } = cachedBooks();
    const created = await books.create({ title: 'Gone soon' });
    await books.findById(created.id);
    expect(await books.delete(created.id)).toBe(true);
    expect(await books.findById(created.id)).toBeUndefined();
  });

  it('When the id is written in upper case, then it is the same cached book', async () => {
    const { sql, books } = cachedBooks();
    const created = await books.create({ title: 'Case' });
    await books.findById(created.id);
    const queries = sql.queries;
    expect((await books.findById(created.id.toUpperCase()))?.id).toBe(created.id);
    expect(sql.queries).toBe(queries);
    await books.update(created.id.toUpperCase(), { title: 'Case, renamed' });
    expect((await books.findById(created.id))?.title).toBe('Case, renamed');
  });

  it('When a missing book is asked for in a loop, then the database is asked once, and the miss expires soon', async () => {
    const { sql, books } = cachedBooks();
    const missing = '00000000-0000-4000-8000-000000000000';
    for (let i = 0; i < 5; i++) expect(await books.findById(missing)).toBeUndefined();
    expect(sql.queries).toBe(1);
    const pttl = await redis.client.pttl(`books:${missing}`);
    expect(pttl).toBeGreaterThan(0);
    expect(pttl).toBeLessThanOrEqual(TTLS.notFoundMs * 1.1);
  });

  it('When the id is not a UUID, then nothing is cached under it', async () => {
    const { books } = cachedBooks();
    const before = (await keysWithTtl(redis)).length;
    expect(await books.findById('x'.repeat(10_000))).toBeUndefined();
    expect((await keysWithTtl(redis)).length).toBe(before);
  });

  it('When a book is created, updated or deleted, then every cached list page shows it', async () => {
    const { books } = cachedBooks();
    const q = `list-${Date.now()}`;
    expect((await books.list({ q, limit: 10 })).items).toEqual([]);
    const created = await books.create({ title: `${q} one` });
    expect((await books.list({ q, limit: 10 })).items.map((b) => b.title)).toEqual([`${q} one`]);
    await books.update(created.id, { title: `${q} two` });
    expect((await books.list({ q, limit: 10 })).items.map((b) => b.title)).toEqual([`${q} two`]);
    await books.delete(created.id);
    expect((await books.list({ q, limit: 10 })).items).toEqual([]);
  });

  it('When a list page is read again, then it comes from the cache, with its dates as Dates', async () => {
    const { sql, books } = cachedBooks();
    const q = `again-${Date.now()}`;
    await books.create({ title: `${q} a` });
    await books.list({ q, limit: 5 });
    const queries = sql.queries;
    const page = await books.list({ q, limit: 5 });
    expect(sql.queries).toBe(queries);
    expect(page.items[0]!.createdAt).toBeInstanceOf(Date);
  });

  it('When an update commits while a read is carrying the old row back, then the old row is not cached', async () => {
    const { sql, books } = cachedBooks();
    const created = await books.create({ title: 'Before' });
    const held = gate();
    sql.beforeReturn = () => held.opened;
    const staleRead = books.findById(created.id);
    await new Promise((resolve) => setTimeout(resolve, 50));
    sql.beforeReturn = async () => undefined;
    await books.update(created.id, { title: 'After' });
    held.open();
    expect((await staleRead)?.title).toBe('Before');
    expect((await books.findById(created.id))?.title).toBe('After');
  });

  it('When books were read, written and listed, then every key in Redis has a TTL', async () => {
    const { books } = cachedBooks();
    const created = await books.create({ title: 'TTL' });
    await books.findById(created.id);
    await books.list({ limit: 3 });
    await books.update(created.id, { title: 'TTL 2' });
    const keys = await keysWithTtl(redis);
    expect(keys.length).toBeGreaterThan(2);
    expect(keys.filter(({ pttl }) => pttl <= 0)).toEqual([]);
  });
});
