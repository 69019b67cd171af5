export { cacheKey } from './cache-key';
export { memoryCache, type MemoryCacheOptions } from './memory-cache';
export { jsonCodec, RedisCache, type CacheCodec, type RedisCacheOptions, type TtlOf } from './redis-cache';
export { representationCodec, toJsonRepresentation, type JsonRepresentation } from './representation';
