import { Redis } from 'ioredis';

/**
 * A producer's connection fails fast: while Redis is away, add() rejects at once (enableOfflineQueue: false)
 * instead of queueing commands in memory while a request waits. The caller answers 503, or uses the outbox.
 */
export function producerConnection(url: string): Redis {
  return new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
}

/**
 * A worker's connection waits for Redis as long as it takes (maxRetriesPerRequest: null): BullMQ's blocking
 * commands must survive a reconnect, and BullMQ refuses worker connections that give up.
 */
export function workerConnection(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null });
}
