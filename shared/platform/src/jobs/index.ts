export { producerConnection, workerConnection } from './connections';
export { addJob, createJobQueue, type AddJobOptions, type JobQueueOptions } from './job-queue';
export { createJobWorker, stopWorker, type JobWorkerOptions } from './job-worker';
export { PayloadTooLargeError, PermanentJobError } from './job.errors';
export {
  JOBS_SCHEMA_SQL,
  relayOutbox,
  startOutboxRelay,
  writeToOutbox,
  type OutboxJob,
  type OutboxRelay,
  type RelayOptions,
} from './outbox';
export { runOnce, type Once } from './run-once';
