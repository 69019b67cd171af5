import { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { Job, JobHandler, QueueLogger } from './job.types';
import type { FailOutcome, ReliableQueue } from './reliable-queue';

export interface WorkerOptions {
  queue: ReliableQueue;
  handler: JobHandler;
  /** How many jobs run at once. */
  concurrency?: number;
  /** How often the worker extends its jobs' deadlines, reaps and promotes. Keep it well below visibilityMs. */
  pollMs?: number;
  /** How long one BLMOVE waits for a job. */
  blockSeconds?: number;
  /**
   * How long stop() waits for each thing it asks of Redis (ending the waiting BLMOVE, giving a job back) before it
   * goes on without the answer, so that a worker stops even while Redis is away. Default 1 s.
   */
  redisWaitMs?: number;
  logger?: QueueLogger;
}

export interface StopResult {
  /** Jobs that were running when stop() began and finished within the budget. */
  finished: number;
  /** Jobs given back to the queue unfinished. */
  returned: number;
}

const silent: QueueLogger = { info: () => {}, warn: () => {}, error: () => {} };

/** `promise`'s value, or undefined once `ms` have passed first; the timer never outlives the race. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  const timer = new AbortController();
  const late = sleep(ms, undefined, { signal: timer.signal }).catch(() => undefined);
  try {
    return await Promise.race([promise, late]);
  } finally {
    timer.abort();
  }
}

/**
 * Runs a queue's jobs, `concurrency` at a time: fetch, handle, ack (or fail). While it runs it also keeps its
 * jobs' deadlines fresh, returns the jobs of dead workers and promotes due delayed jobs.
 * Emits `completed` (job, result) and `failed` (job, error, outcome).
 */
export class Worker extends EventEmitter {
  readonly queue: ReliableQueue;
  readonly concurrency: number;
  readonly pollMs: number;
  readonly blockSeconds: number;
  readonly redisWaitMs: number;
  readonly logger: QueueLogger;
  readonly #handler: JobHandler;
  readonly #inFlight = new Map<string, { job: Job; done: Promise<void> }>();
  /** Jobs given back by stop(): if their handler still finishes, its ack must not touch them. */
  readonly #released = new Set<string>();
  #running = false;
  #blocking?: Redis;
  #blockingId?: number;
  #loop?: Promise<void>;
  #timer?: NodeJS.Timeout;
  #maintaining = false;
  #redisAway = false;
  #slotFreed: () => void = () => {};
  #abandonFetch: () => void = () => {};
  /** Resolves with no jobs when the fetch in flight is abandoned: see waitForFetchLoop(). */
  #abandoned: Promise<Job[]> = new Promise(() => {});

  constructor(options: WorkerOptions) {
    super();
    this.queue = options.queue;
    this.#handler = options.handler;
    this.concurrency = options.concurrency ?? 10;
    this.pollMs = options.pollMs ?? Math.min(1_000, Math.floor(options.queue.visibilityMs / 3));
    this.blockSeconds = options.blockSeconds ?? 1;
    this.redisWaitMs = options.redisWaitMs ?? 1_000;
    this.logger = options.logger ?? silent;
  }

  get running(): boolean {
    return this.#running;
  }

  /** Starts fetching. The blocking connection is a duplicate of the queue's, made here. */
  async start(): Promise<void> {
    if (this.#running) return;
    const blocking = this.queue.redis.duplicate();
    // Its id changes with every reconnect; stop() needs the current one to unblock it.
    blocking.on('ready', () => {
      blocking.client('ID').then(
        (id) => (this.#blockingId = id),
        () => {},
      );
    });
    blocking.on('error', () => {});
    this.#blocking = blocking;
    this.#blockingId = await blocking.client('ID');
    this.#abandoned = new Promise((resolve) => (this.#abandonFetch = () => resolve([])));
    this.#running = true;
    this.#loop = this.#fetchLoop(blocking);
    this.#timer = setInterval(() => void this.#maintain(), this.pollMs);
  }

  /**
   * Stops gracefully: no new jobs, the running ones get `budgetMs` to finish, and whatever is still running then
   * is given back to the queue for another worker.
   */
  async stop(budgetMs = 10_000): Promise<StopResult> {
    // #exercise 6.7
    if (!this.#running) return { finished: 0, returned: 0 };
    this.#running = false;
    clearInterval(this.#timer);
    this.#slotFreed();
    await this.unblock();
    await this.waitForFetchLoop();
    const running = [...this.#inFlight.values()];
    await within(Promise.all(running.map((entry) => entry.done)), budgetMs);
    let returned = 0;
    for (const { job } of this.#inFlight.values()) {
      this.#released.add(job.id);
      // Bounded: with Redis away the job stays in processing, and a reaper gives it back later.
      if (await within(this.queue.release(job), this.redisWaitMs)) returned += 1;
    }
    this.#blocking?.disconnect();
    return { finished: running.length - this.#inFlight.size, returned };
    // #end
  }

  /** Stops at once, giving nothing back: what a crash looks like, for tests. */
  async abort(): Promise<void> {
    this.#running = false;
    clearInterval(this.#timer);
    this.#slotFreed();
    this.#abandonFetch();
    this.#blocking?.disconnect();
    await this.#loop;
  }

  /** Ends a BLMOVE that is waiting, so the fetch loop sees the stop at once instead of after blockSeconds. */
  private async unblock(): Promise<void> {
    if (this.#blockingId === undefined) return;
    const reply = await within(this.queue.redis.client('UNBLOCK', this.#blockingId), this.redisWaitMs).catch(
      () => undefined,
    );
    this.#redisAway = reply === undefined;
  }

  /**
   * Waits for the fetch loop to end. When Redis did not answer the unblock (it is down, and the worker's connection
   * waits for it), the fetch in flight is abandoned after `graceMs` (redisWaitMs unless given); whatever it might
   * claim later, a reaper gives back.
   */
  private async waitForFetchLoop(graceMs = this.redisWaitMs): Promise<void> {
    if (this.#redisAway) {
      await within(this.#loop ?? Promise.resolve(), graceMs);
      this.#abandonFetch();
    }
    await this.#loop;
  }

  async #fetchLoop(blocking: Redis): Promise<void> {
    while (this.#running) {
      const free = this.concurrency - this.#inFlight.size;
      if (free <= 0) {
        await new Promise<void>((resolve) => (this.#slotFreed = resolve));
        continue;
      }
      try {
        const jobs = await Promise.race([
          this.queue.fetch(blocking, free, this.blockSeconds),
          this.#abandoned,
        ]);
        // Run even when stop() began meanwhile: these jobs are in processing under this worker's name now.
        for (const job of jobs) this.#run(job);
      } catch (error) {
        if (!this.#running) break;
        this.logger.warn('fetching jobs failed; retrying', { queue: this.queue.name, error: String(error) });
        await sleep(Math.min(this.pollMs, 500));
      }
    }
  }

  #run(job: Job): void {
    const done = this.#process(job).finally(() => {
      this.#inFlight.delete(job.id);
      this.#slotFreed();
    });
    this.#inFlight.set(job.id, { job, done });
  }

  async #process(job: Job): Promise<void> {
    let result: unknown;
    try {
      result = await this.#handler(job);
    } catch (error) {
      await this.#settleFailure(job, error);
      return;
    }
    if (this.#released.delete(job.id)) return;
    try {
      await this.queue.ack(job, result);
      this.emit('completed', job, result);
    } catch (error) {
      // The effect happened but Redis did not hear of it: the reaper will deliver the job again.
      this.logger.error('ack failed; the job will be delivered again', {
        jobId: job.id,
        error: String(error),
      });
    }
  }

  async #settleFailure(job: Job, error: unknown): Promise<void> {
    if (this.#released.delete(job.id)) return;
    let outcome: FailOutcome;
    try {
      outcome = await this.queue.fail(job, error);
    } catch (failError) {
      this.logger.error('recording a failure failed', { jobId: job.id, error: String(failError) });
      return;
    }
    const meta = { jobId: job.id, name: job.name, attempt: job.attempts, outcome, error: String(error) };
    if (outcome === 'dead') this.logger.error('job dead-lettered', meta);
    else this.logger.warn('job failed', meta);
    this.emit('failed', job, error, outcome);
  }

  async #maintain(): Promise<void> {
    if (this.#maintaining) return;
    this.#maintaining = true;
    try {
      await this.queue.extend([...this.#inFlight.keys()]);
      const reaped = await this.queue.reap();
      if (reaped > 0) this.logger.warn('took back jobs of a stopped worker', { count: reaped });
      await this.queue.promote();
    } catch (error) {
      this.logger.warn('queue maintenance failed', { queue: this.queue.name, error: String(error) });
    } finally {
      this.#maintaining = false;
    }
  }
}
