import { exercise } from '@course/test-harness';
import { LruCache } from '@target/cache/lru-cache';

/** A clock that only moves when the test moves it. */
function manualClock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

exercise('5.1', () => {
  it('When a key was set, then get() returns its value, and undefined for a key never set', () => {
    const cache = new LruCache<string, number>({ max: 3, ttlMs: 1000 });
    cache.set('a', 1);
    expect(cache.get('a')).toBe(1);
    expect(cache.get('b')).toBeUndefined();
  });

  it('When the TTL has passed, then the entry is gone, and not a millisecond earlier', () => {
    const clock = manualClock();
    const cache = new LruCache<string, string>({ max: 3, ttlMs: 1000, now: clock.now });
    cache.set('a', 'x');
    clock.advance(999);
    expect(cache.get('a')).toBe('x');
    clock.advance(1);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('When set() is given a TTL, then that entry lives that long instead of the default', () => {
    const clock = manualClock();
    const cache = new LruCache<string, string>({ max: 3, ttlMs: 1000, now: clock.now });
    cache.set('short', 'x', 10);
    cache.set('long', 'y', 5000);
    clock.advance(2000);
    expect(cache.get('short')).toBeUndefined();
    expect(cache.get('long')).toBe('y');
  });

  it('When the cache is full, then setting a new key evicts the least recently set one', () => {
    const cache = new LruCache<string, number>({ max: 2, ttlMs: 1000 });
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([undefined, 2, 3]);
    expect(cache.size).toBe(2);
  });

  it('When a key is read, then it becomes the most recently used and survives the next eviction', () => {
    const cache = new LruCache<string, number>({ max: 2, ttlMs: 1000 });
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([1, undefined, 3]);
  });

  it('When an existing key is set again, then it is updated and moved to the end, and nothing is evicted', () => {
    const clock = manualClock();
    const cache = new LruCache<string, number>({ max: 2, ttlMs: 1000, now: clock.now });
    cache.set('a', 1);
    cache.set('b', 2);
    clock.advance(900);
    cache.set('a', 10);
    expect(cache.size).toBe(2);
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([10, undefined, 3]);
    // Setting again starts a new TTL.
    clock.advance(900);
    expect(cache.get('a')).toBe(10);
  });

  it('When the cache holds one entry at most, then every new key replaces the last', () => {
    const cache = new LruCache<string, number>({ max: 1, ttlMs: 1000 });
    cache.set('a', 1);
    cache.set('b', 2);
    expect([cache.get('a'), cache.get('b'), cache.size]).toEqual([undefined, 2, 1]);
  });

  it('When a value is falsy (0, "", null), then it is still a hit', () => {
    const cache = new LruCache<string, unknown>({ max: 3, ttlMs: 1000 });
    cache.set('zero', 0);
    cache.set('empty', '');
    cache.set('null', null);
    expect([cache.get('zero'), cache.get('empty'), cache.get('null')]).toEqual([0, '', null]);
  });
});
