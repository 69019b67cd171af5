import { buildApp } from '@course/platform/http';
import type { Logger } from '@course/platform/logging';
import type { Express } from 'express';
import type { Pool } from 'pg';
import { provideServices } from './container';
import openapi from './generated/openapi.json';
import { RegisterRoutes } from './generated/routes';
import { API_BASE, PROBLEM_TYPE_BASE } from './http/paths';
import { JobService } from './jobs/job.service';
import type { ReliableQueue } from './queue/reliable-queue';
import { ReportService } from './reports/report.service';

export interface AppOptions {
  pool: Pool;
  /** The queue whose jobs the API shows; requests never write to it (they go through the outbox). */
  queue: ReliableQueue;
  logger: Logger;
}

/** Builds the jobs API without listening, so that tests can send requests to it without a socket. */
export function createApp({ pool, queue, logger }: AppOptions): Express {
  return buildApp({
    logger,
    openapi,
    basePath: API_BASE,
    problemTypeBase: PROBLEM_TYPE_BASE,
    registerRoutes: RegisterRoutes,
    configure: (app) =>
      provideServices(app, {
        jobs: new JobService(pool, queue),
        reports: new ReportService(pool, queue.name),
      }),
  });
}
