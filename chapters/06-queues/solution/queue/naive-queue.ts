import type { Redis } from 'ioredis';
import type { JobHandler } from './job.types';

/**
 * The queue most people write first, and why this chapter exists: LPUSH to enqueue, RPOP to take a job.
 * The moment RPOP returns, the job exists only in this process's memory. Kill the process and it is gone.
 */
export class NaiveQueue {
  constructor(
    readonly redis: Redis,
    readonly key: string,
  ) {}

  async enqueue(payload: unknown): Promise<void> {
    await this.redis.lpush(this.key, JSON.stringify(payload));
  }

  /** Runs `handler` on `concurrency` jobs at a time until stopped. */
  work(handler: JobHandler, concurrency: number): { stop(): Promise<void> } {
    let running = true;
    const slot = async (n: number): Promise<void> => {
      while (running) {
        const raw = await this.redis.rpop(this.key);
        if (raw === null) {
          await new Promise((resolve) => setTimeout(resolve, 20));
          continue;
        }
        const payload = JSON.parse(raw) as { id?: string };
        const id = String(payload.id ?? n);
        await handler({ id, name: 'naive', payload, attempts: 1, maxAttempts: 1 }).catch(() => {});
      }
    };
    const slots = Array.from({ length: concurrency }, (_, n) => slot(n));
    return {
      stop: async () => {
        running = false;
        await Promise.all(slots);
      },
    };
  }
}
