import { Writable } from 'node:stream';
import { recordServerOutput } from '@course/test-harness';
import type { ErrorRequestHandler, Express } from 'express';
import request, { type Response } from 'supertest';
import winston from 'winston';
import { createApp, type Repositories } from '@target/app';
import { InMemoryAuthorRepository } from '@target/authors/author.repository';
import { InMemoryBookRepository } from '@target/books/book.repository';
import { createLogger } from '@target/logging/logger';

export const API = '/api/v1';
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface LogEntry {
  level: string;
  message: string;
  [field: string]: unknown;
}

/** A logger that keeps its JSON entries in memory and prints them only with a failing test. */
export function memoryLogger(): { logger: winston.Logger; logs: LogEntry[] } {
  const logs: LogEntry[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      const entry = JSON.parse(chunk.toString()) as LogEntry;
      logs.push(entry);
      recordServerOutput('log', entry);
      done();
    },
  });
  const logger = createLogger({ level: 'debug', transports: [new winston.transports.Stream({ stream })] });
  return { logger, logs };
}

/** Repositories that a test keeps a handle on, to look at what the API stored. */
export function freshRepositories(): { authors: InMemoryAuthorRepository; books: InMemoryBookRepository } {
  return { authors: new InMemoryAuthorRepository(), books: new InMemoryBookRepository() };
}

/**
 * A fresh app with fresh in-memory repositories (unless given) and an in-memory log. An error that the app's own
 * error middleware passes on (the starter's, until 2.1 is done) is recorded, so a failing test prints it.
 */
export function makeApp(repositories?: Repositories): { app: Express; logs: LogEntry[] } {
  const { logger, logs } = memoryLogger();
  const app = createApp({ logger, ...(repositories && { repositories }) });
  app.use(((error, _req, _res, next) => {
    recordServerOutput('unhandled error', error);
    next(error);
  }) satisfies ErrorRequestHandler);
  return { app, logs };
}

/** Log entries are written when the response has gone out, so a test may have to wait a moment for them. */
export async function waitForLog(logs: LogEntry[], match: (entry: LogEntry) => boolean): Promise<LogEntry> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const found = logs.find(match);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no matching log entry among ${JSON.stringify(logs, null, 2)}`);
}

let isbnCounter = 100_000;

/** A new valid ISBN-13 on every call: 978, nine digits, and the check digit that makes it valid. */
export function nextIsbn(): string {
  const digits = `978${String(isbnCounter++).padStart(9, '0')}`;
  const sum = [...digits].reduce(
    (total, digit, index) => total + Number(digit) * (index % 2 === 0 ? 1 : 3),
    0,
  );
  return `${digits}${(10 - (sum % 10)) % 10}`;
}

/** The same ISBN with a wrong check digit. */
export function withWrongCheckDigit(isbn: string): string {
  const last = Number(isbn.at(-1));
  return `${isbn.slice(0, -1)}${(last + 1) % 10}`;
}

/** A resource as the API returned it. */
export type Resource = Record<string, unknown> & { id: string };

export async function createAuthor(app: Express, fields: Record<string, unknown> = {}): Promise<Resource> {
  const res = await request(app)
    .post(`${API}/authors`)
    .send({ name: 'Ursula K. Le Guin', ...fields });
  if (res.status !== 201) {
    throw new Error(`creating an author failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body as Resource;
}

export function bookFields(authorId: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'The Left Hand of Darkness',
    isbn: nextIsbn(),
    authorId,
    publishedYear: 1969,
    priceCents: 1299,
    ...fields,
  };
}

export async function createBook(
  app: Express,
  authorId: string,
  fields: Record<string, unknown> = {},
): Promise<Resource> {
  const res = await request(app).post(`${API}/books`).send(bookFields(authorId, fields));
  if (res.status !== 201) {
    throw new Error(`creating a book failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body as Resource;
}

/** Checks that a response is an RFC 9457 problem with the given status and code, and that it leaks nothing. */
export function expectProblem(res: Response, status: number, code: string): void {
  expect({ status: res.status, code: (res.body as { code?: unknown }).code }).toEqual({ status, code });
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toEqual(
    expect.objectContaining({
      type: expect.stringMatching(/^https:\/\//),
      title: expect.any(String),
      status,
      detail: expect.any(String),
      instance: expect.stringMatching(/^\//),
      code,
    }),
  );
  expect(res.text).not.toMatch(/stack|\bat .+\.ts:\d+/i);
}

/** The response's header `name`, or an error that says it is missing, instead of a secondary error further on. */
export function requiredHeader(res: Response, name: string, what: string): string {
  const value: unknown = res.headers[name.toLowerCase()];
  if (typeof value !== 'string') {
    throw new Error(
      `expected a ${name} header (${what}); the response (${res.status}) has none: ${JSON.stringify(res.headers)}`,
    );
  }
  return value;
}
