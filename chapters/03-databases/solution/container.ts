import type { IocContainer, IocContainerFactory } from '@tsoa/runtime';
import type { Application, Request } from 'express';
import { AuthorController } from './authors/author.controller';
import type { AuthorService } from './authors/author.service';
import { BookController } from './books/book.controller';
import type { BookService } from './books/book.service';
import { ReviewController } from './reviews/review.controller';
import type { ReviewService } from './reviews/review.service';

export interface Services {
  authors: AuthorService;
  books: BookService;
  reviews: ReviewService;
}

const servicesByApp = new WeakMap<Application, Services>();

/** Makes `services` the ones that this app's controllers work with. */
export function provideServices(app: Application, services: Services): void {
  servicesByApp.set(app, services);
}

function controllerFor(controller: unknown, services: Services): object {
  if (controller === AuthorController) return new AuthorController(services.authors);
  if (controller === BookController) return new BookController(services.books);
  if (controller === ReviewController) return new ReviewController(services.reviews);
  throw new Error(`no controller factory for ${String(controller)}`);
}

/**
 * tsoa's generated routes call this on every request (the `iocModule` in scripts/generate.ts). Each request gets
 * new controllers, because a tsoa controller keeps the response status and headers of one request.
 */
export const iocContainer: IocContainerFactory<Request> = (request) => {
  const services = servicesByApp.get(request.app);
  if (!services) throw new Error('provideServices() was not called for this app');
  return { get: (controller: unknown) => controllerFor(controller, services) } as IocContainer;
};
