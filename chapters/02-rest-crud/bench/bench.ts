/*
 * What do validation, routing through tsoa, request ids and access logs cost? This serves the same JSON body
 * twice: from the Bookstore API (GET /api/v1/books, 50 books seeded) and from a bare Express 5 handler, and
 * measures both with autocannon. It reports numbers; it asserts nothing. Run it with `pnpm bench`.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import autocannon from 'autocannon';
import express from 'express';
import winston from 'winston';
import { createApp } from '../solution/app';
import { InMemoryAuthorRepository } from '../solution/authors/author.repository';
import { InMemoryBookRepository } from '../solution/books/book.repository';
import { createLogger } from '../solution/logging/logger';

const CONNECTIONS = 10;
const SECONDS = 5;
const WARM_UP_SECONDS = 1;
const PATH = '/api/v1/books';

function isbn(n: number): string {
  const digits = `978${String(n).padStart(9, '0')}`;
  const sum = [...digits].reduce(
    (total, digit, index) => total + Number(digit) * (index % 2 === 0 ? 1 : 3),
    0,
  );
  return `${digits}${(10 - (sum % 10)) % 10}`;
}

async function bookstore(): Promise<http.RequestListener> {
  const authors = new InMemoryAuthorRepository();
  const books = new InMemoryBookRepository();
  const author = await authors.create({ name: 'Ursula K. Le Guin' });
  for (let n = 1; n <= 50; n++) {
    await books.create({
      title: `Book ${n}`,
      isbn: isbn(n),
      authorId: author.id,
      publishedYear: 1950 + n,
      priceCents: 999 + n,
    });
  }
  // The normal level, so every access line is formatted, but written nowhere.
  const nowhere = new Writable({ write: (_chunk, _encoding, done) => done() });
  const logger = createLogger({
    level: 'info',
    transports: [new winston.transports.Stream({ stream: nowhere })],
  });
  return createApp({ repositories: { authors, books }, logger });
}

function bare(body: unknown): http.RequestListener {
  const app = express();
  app.get(PATH, (_req, res) => {
    res.json(body);
  });
  return app;
}

async function listen(app: http.RequestListener): Promise<http.Server> {
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

async function measure(title: string, app: http.RequestListener): Promise<number> {
  const server = await listen(app);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${PATH}`;
  await autocannon({ url, connections: CONNECTIONS, duration: WARM_UP_SECONDS });
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS });
  server.close();
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${title}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  }
  console.log(
    `${title.padEnd(30)} ${result.requests.average.toFixed(0).padStart(7)} req/s   ` +
      `latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`,
  );
  return result.requests.average;
}

/** The body that the API answers with, for the bare handler to send. */
async function fetchBody(app: http.RequestListener): Promise<unknown> {
  const server = await listen(app);
  const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}${PATH}`);
  server.close();
  return response.json();
}

async function main(): Promise<void> {
  const api = await bookstore();
  const sample = await fetchBody(api);
  console.log(
    `GET ${PATH}: ${CONNECTIONS} connections, ${SECONDS} s each after ${WARM_UP_SECONDS} s of warm-up\n`,
  );
  const full = await measure('Bookstore API (solution)', api);
  const baseline = await measure('bare Express, same body', bare(sample));
  console.log(
    `\nThe Bookstore API serves ${((full / baseline) * 100).toFixed(0)}% of the bare handler's requests per second.`,
  );
}

void main();
