import { Redis, type RedisOptions } from 'ioredis';

/**
 * A producer's connection fails fast: once connected, add() rejects at once while Redis is away
 * (`enableOfflineQueue: false`) instead of holding the job in this process's memory. Do not set ioredis
 * `keyPrefix`: BullMQ refuses it; use the queue's `prefix`.
 */
export function producerConnection(url: string, options: RedisOptions = {}): Redis {
  return new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, ...options });
}

/** A worker's connection waits for Redis as long as it takes (`maxRetriesPerRequest: null`), as BullMQ requires. */
export function workerConnection(url: string, options: RedisOptions = {}): Redis {
  return new Redis(url, { ...options, maxRetriesPerRequest: null });
}
