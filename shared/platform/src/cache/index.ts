export { cacheKey } from './cache-key';
export { memoryCache, type MemoryCacheOptions } from './memory-cache';
export { RedisCache, type RedisCacheOptions, type TtlOf } from './redis-cache';
