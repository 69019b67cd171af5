/*
 * Jobs per second and Redis commands per job: this chapter's queue against BullMQ, one worker at concurrency 50,
 * 20,000 trivial jobs each, on a private redis-server (so that INFO commandstats counts only this benchmark).
 * One run, reported as a ratio; not a test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { Queue, Worker as BullWorker } from 'bullmq';
import { Redis } from 'ioredis';
import { ReliableQueue } from '../solution/queue/reliable-queue';
import { Worker } from '../solution/queue/worker';
import { freePort } from '@course/test-harness/ports';

const JOBS = 20_000;
const CONCURRENCY = 50;

interface Result {
  name: string;
  jobsPerSecond: number;
  commandsPerJob: number;
  /** Jobs per second of CPU time spent by this process and by Redis: less sensitive to a busy machine. */
  jobsPerCpuSecond: number;
}

async function redisCpuSeconds(admin: Redis): Promise<number> {
  const info = await admin.info('cpu');
  const field = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1] ?? 0);
  return field('used_cpu_user') + field('used_cpu_sys');
}

async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--maxmemory-policy',
      'noeviction',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) resolve();
    });
    child.once('exit', () => reject(new Error(`redis-server exited: ${output}`)));
  });
  return child;
}

/** Every command Redis ran since the last CONFIG RESETSTAT, commands run inside scripts included. */
async function commandCount(admin: Redis): Promise<number> {
  const info = await admin.info('commandstats');
  let total = 0;
  for (const match of info.matchAll(/^cmdstat_([a-z|_-]+):calls=(\d+)/gm)) {
    if (!['info', 'config'].includes(match[1]!)) total += Number(match[2]);
  }
  return total;
}

async function measure(name: string, admin: Redis, run: () => Promise<void>): Promise<Result> {
  await admin.flushall();
  await admin.config('RESETSTAT');
  const redisCpu = await redisCpuSeconds(admin);
  const nodeCpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  await run();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const { user, system } = process.cpuUsage(nodeCpu);
  const cpuSeconds = (user + system) / 1e6 + (await redisCpuSeconds(admin)) - redisCpu;
  return {
    name,
    jobsPerSecond: JOBS / seconds,
    commandsPerJob: (await commandCount(admin)) / JOBS,
    jobsPerCpuSecond: JOBS / cpuSeconds,
  };
}

/** Enqueues and runs every job; the clock covers both. */
async function handBuilt(url: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: null });
  const queue = new ReliableQueue({ redis, name: 'bench', retentionSeconds: 60 });
  let done = 0;
  let finish: () => void = () => {};
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const worker = new Worker({ queue, concurrency: CONCURRENCY, handler: async () => null });
  worker.on('completed', () => {
    done += 1;
    if (done === JOBS) finish();
  });
  await worker.start();
  for (let i = 0; i < JOBS; i += 1_000) {
    await Promise.all(Array.from({ length: 1_000 }, (_, n) => queue.enqueue('trivial', { n: i + n })));
  }
  await finished;
  await worker.stop(1_000);
  await redis.quit();
}

async function bullmq(url: string): Promise<void> {
  const producer = new Redis(url, { enableOfflineQueue: false });
  const connection = new Redis(url, { maxRetriesPerRequest: null });
  const queue = new Queue('bench', {
    connection: producer,
    defaultJobOptions: { removeOnComplete: { count: 1_000 }, removeOnFail: { count: 1_000 } },
  });
  await queue.waitUntilReady();
  let done = 0;
  let finish: () => void = () => {};
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const worker = new BullWorker('bench', async () => null, { connection, concurrency: CONCURRENCY });
  worker.on('completed', () => {
    done += 1;
    if (done === JOBS) finish();
  });
  for (let i = 0; i < JOBS; i += 1_000) {
    await queue.addBulk(Array.from({ length: 1_000 }, (_, n) => ({ name: 'trivial', data: { n: i + n } })));
  }
  await finished;
  await worker.close();
  await queue.close();
  await Promise.all([producer.quit(), connection.quit()]);
}

async function main(): Promise<void> {
  const port = await freePort();
  const server = await startRedis(port);
  const url = `redis://127.0.0.1:${port}`;
  const admin = new Redis(url);
  try {
    const results = [await measure("this chapter's queue", admin, () => handBuilt(url))];
    results.push(await measure('BullMQ 6.7.0', admin, () => bullmq(url)));
    console.log(
      `${JOBS} trivial jobs, one worker, concurrency ${CONCURRENCY}, enqueue and processing timed together`,
    );
    console.log('| queue | jobs/s | jobs per CPU second (Node + Redis) | Redis commands per job |');
    console.log('| --- | --- | --- | --- |');
    const round = (n: number) => Math.round(n).toLocaleString('en');
    for (const r of results) {
      console.log(
        `| ${r.name} | ${round(r.jobsPerSecond)} | ${round(r.jobsPerCpuSecond)} | ${r.commandsPerJob.toFixed(1)} |`,
      );
    }
    const [ours, bull] = results as [Result, Result];
    console.log(
      `ratio: ${(ours.jobsPerSecond / bull.jobsPerSecond).toFixed(2)}x the jobs/s of BullMQ, with ${(bull.commandsPerJob / ours.commandsPerJob).toFixed(1)}x fewer commands per job`,
    );
    console.log(
      `goal for this chapter's queue: 5,000 jobs/s: ${ours.jobsPerSecond >= 5_000 ? 'met' : 'NOT met'}`,
    );
  } finally {
    await admin.quit();
    server.kill('SIGKILL');
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
