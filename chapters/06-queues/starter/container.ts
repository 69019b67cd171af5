import type { IocContainer, IocContainerFactory } from '@tsoa/runtime';
import type { Application, Request } from 'express';
import { DeadLetterController } from './dead-letters/dead-letter.controller';
import { JobController } from './jobs/job.controller';
import type { JobService } from './jobs/job.service';
import { ReportController } from './reports/report.controller';
import type { ReportService } from './reports/report.service';

export interface Services {
  jobs: JobService;
  reports: ReportService;
}

const servicesByApp = new WeakMap<Application, Services>();

/** Makes `services` the ones that this app's controllers work with. */
export function provideServices(app: Application, services: Services): void {
  servicesByApp.set(app, services);
}

function controllerFor(controller: unknown, services: Services): object {
  if (controller === ReportController) return new ReportController(services.reports);
  if (controller === JobController) return new JobController(services.jobs);
  if (controller === DeadLetterController) return new DeadLetterController(services.jobs);
  throw new Error(`no controller factory for ${String(controller)}`);
}

/** tsoa's generated routes call this on every request; each request gets new controllers. */
export const iocContainer: IocContainerFactory<Request> = (request) => {
  const services = servicesByApp.get(request.app);
  if (!services) throw new Error('provideServices() was not called for this app');
  return { get: (controller: unknown) => controllerFor(controller, services) } as IocContainer;
};
