import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { backoffDelay, type BackoffOptions } from './backoff';
import { PayloadTooLargeError, PermanentJobError } from './job.errors';
import type { EnqueueOptions, Job, JobInfo, JobState } from './job.types';
import { scripts } from './lua.scripts';
import { queueKeys, type QueueKeys } from './queue.keys';

export interface ReliableQueueOptions {
  /** A connection for ordinary commands. Blocking reads need one of their own (see fetch). */
  redis: Redis;
  name: string;
  /** How long a worker may hold a job without acking or extending it before the reaper takes it back. */
  visibilityMs?: number;
  maxAttempts?: number;
  maxPayloadBytes?: number;
  backoff?: BackoffOptions;
  /** How long a completed job's hash (state and result) stays readable. */
  retentionSeconds?: number;
  now?: () => number;
}

export interface QueueCounts {
  ready: number;
  processing: number;
  delayed: number;
  dead: number;
}

/** What happened to a failed delivery: retried later, dead-lettered, or already taken back by the reaper. */
export type FailOutcome = 'retried' | 'dead' | 'taken-back';

/**
 * A reliable queue on Redis: at-least-once delivery. A job stays in Redis from enqueue to ack, so a worker that
 * dies loses nothing: its jobs sit in the processing list until the reaper returns them.
 */
export class ReliableQueue {
  readonly name: string;
  readonly keys: QueueKeys;
  readonly visibilityMs: number;
  readonly maxAttempts: number;
  readonly maxPayloadBytes: number;
  readonly backoff: BackoffOptions;
  readonly retentionSeconds: number;
  readonly redis: Redis;
  readonly now: () => number;

  constructor(options: ReliableQueueOptions) {
    this.redis = options.redis;
    this.name = options.name;
    this.keys = queueKeys(options.name);
    this.visibilityMs = options.visibilityMs ?? 30_000;
    this.maxAttempts = options.maxAttempts ?? 5;
    this.maxPayloadBytes = options.maxPayloadBytes ?? 64 * 1024;
    this.backoff = options.backoff ?? { baseMs: 1_000, capMs: 60_000 };
    this.retentionSeconds = options.retentionSeconds ?? 24 * 60 * 60;
    this.now = options.now ?? Date.now;
  }

  /** Adds a job and returns its id. Throws PayloadTooLargeError before anything reaches Redis. */
  async enqueue(name: string, payload: unknown, options: EnqueueOptions = {}): Promise<string> {
    const json = JSON.stringify(payload ?? null);
    // #exercise 6.1: Fetch and acknowledge. Stuck? pnpm course hint 6.1
    // Refuse a payload of more than this.maxPayloadBytes bytes here, before anything reaches Redis.
    // #end
    const id = options.id ?? randomUUID();
    const now = this.now();
    const runAt = options.delayMs && options.delayMs > 0 ? now + options.delayMs : 0;
    const maxAttempts = options.maxAttempts ?? this.maxAttempts;
    await scripts.enqueue.run(
      this.redis,
      [this.keys.ready, this.keys.delayed, this.keys.job + id],
      [id, name, json, maxAttempts, now, runAt],
    );
    return id;
  }

  /**
   * Takes up to `max` jobs for one worker. When none is ready, waits up to `timeoutSeconds` on `blocking`, a
   * connection of its own: a blocking command holds its connection until it returns.
   */
  async fetch(blocking: Redis, max: number, timeoutSeconds = 1): Promise<Job[]> {
    // #exercise 6.1: Fetch and acknowledge. Stuck? pnpm course hint 6.1
    throw new Error('Exercise 6.1 is not done yet: Fetch and acknowledge');
    // #end
  }

  /** Marks a job done and keeps its result for retentionSeconds. */
  async ack(job: Job, result: unknown): Promise<void> {
    await scripts.ack.run(
      this.redis,
      [this.keys.processing, this.keys.deadlines, this.keys.job + job.id],
      [job.id, JSON.stringify(result ?? null), this.now(), this.retentionSeconds],
    );
  }

  /** Records a failed delivery: a retry after a backoff, or the dead-letter list when retrying cannot help. */
  async fail(job: Job, error: unknown): Promise<FailOutcome> {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 1_000);
    const now = this.now();
    // #exercise 6.4: Dead letters. Stuck? pnpm course hint 6.4
    const dead = false;
    // #end
    const retryAt = dead ? '' : now + backoffDelay(job.attempts, this.backoff);
    const moved = await scripts.fail.run(
      this.redis,
      [this.keys.processing, this.keys.deadlines, this.keys.delayed, this.keys.dead, this.keys.job + job.id],
      [job.id, message, now, retryAt],
    );
    if (moved === 0) return 'taken-back';
    return dead ? 'dead' : 'retried';
  }

  /** Gives an unfinished job back to the queue (shutdown); false when it was no longer this worker's. */
  async release(job: Job): Promise<boolean> {
    const moved = await scripts.release.run(
      this.redis,
      [this.keys.processing, this.keys.deadlines, this.keys.ready, this.keys.job + job.id],
      [job.id],
    );
    return moved === 1;
  }

  /** Pushes the deadlines of running jobs forward: the heartbeat of a worker that is alive but slow. */
  async extend(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const deadline = this.now() + this.visibilityMs;
    // XX: only jobs that still have a deadline; one the reaper took back stays taken back.
    await this.redis.zadd(this.keys.deadlines, 'XX', ...ids.flatMap((id) => [deadline, id]));
  }

  /** Returns the jobs of workers that missed their deadline; how many it took back. */
  async reap(limit = 100): Promise<number> {
    const keys = this.keys;
    const args = [this.now(), this.visibilityMs, limit];
    const taken = [keys.processing, keys.deadlines, keys.ready, keys.dead, keys.job];
    return Number(await scripts.reap.run(this.redis, taken, args));
  }

  /** Moves due delayed jobs into the ready list; how many. */
  async promote(limit = 100): Promise<number> {
    const keys = [this.keys.delayed, this.keys.ready, this.keys.job];
    return Number(await scripts.promote.run(this.redis, keys, [this.now(), limit]));
  }

  async getJob(id: string): Promise<JobInfo | undefined> {
    const hash = await this.redis.hgetall(this.keys.job + id);
    return toJobInfo(id, hash);
  }

  /** The newest dead-lettered jobs first. */
  async deadLetters(limit = 100): Promise<JobInfo[]> {
    const ids = await this.redis.lrange(this.keys.dead, 0, limit - 1);
    const jobs = await Promise.all(ids.map((id) => this.getJob(id)));
    return jobs.filter((job): job is JobInfo => job !== undefined);
  }

  /** Puts a dead-lettered job back with fresh attempts; false when it is not in the dead-letter list. */
  async replay(id: string): Promise<boolean> {
    const keys = [this.keys.dead, this.keys.ready, this.keys.job + id];
    return (await scripts.replay.run(this.redis, keys, [id])) === 1;
  }

  async counts(): Promise<QueueCounts> {
    const [ready, processing, delayed, dead] = await Promise.all([
      this.redis.llen(this.keys.ready),
      this.redis.llen(this.keys.processing),
      this.redis.zcard(this.keys.delayed),
      this.redis.llen(this.keys.dead),
    ]);
    return { ready, processing, delayed, dead };
  }

  private async claim(more: number, ids: string[]): Promise<Job[]> {
    const deadline = this.now() + this.visibilityMs;
    const reply = (await scripts.claim.run(
      this.redis,
      [this.keys.ready, this.keys.processing, this.keys.deadlines, this.keys.job],
      [Math.max(0, more), deadline, ...ids],
    )) as (string | number)[];
    const jobs: Job[] = [];
    for (let i = 0; i + 4 < reply.length; i += 5) {
      jobs.push({
        id: String(reply[i]),
        name: String(reply[i + 1]),
        payload: JSON.parse(String(reply[i + 2])) as unknown,
        attempts: Number(reply[i + 3]),
        maxAttempts: Number(reply[i + 4]),
      });
    }
    return jobs;
  }
}

function toJobInfo(id: string, hash: Record<string, string>): JobInfo | undefined {
  if (hash.name === undefined) return undefined;
  const number = (value: string | undefined) => (value === undefined ? undefined : Number(value));
  return {
    id,
    name: hash.name,
    payload: JSON.parse(hash.payload ?? 'null') as unknown,
    state: hash.state as JobState,
    attempts: Number(hash.attempts ?? 0),
    maxAttempts: Number(hash.maxAttempts ?? 0),
    createdAt: Number(hash.createdAt),
    runAt: number(hash.runAt),
    finishedAt: number(hash.finishedAt),
    result: hash.result === undefined ? undefined : (JSON.parse(hash.result) as unknown),
    error: hash.error,
  };
}
