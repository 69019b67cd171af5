/*
 * What does N+1 cost? Seeds 200 books by 50 authors into a throwaway database, then serves
 * GET /api/v1/books?limit=50 twice: with the solution's repository, which loads the page's authors and tags with
 * `include`, and with the N+1 version, which queries them book by book. For each, it counts the queries behind
 * one request and measures requests per second with autocannon. It reports numbers; it asserts nothing.
 * Run it with `pnpm bench`; DATABASE_URL names the server (the database itself is created and dropped).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Writable } from 'node:stream';
import { migrate } from '@course/db-migrate';
import { createLogger } from '@course/platform/logging';
import autocannon from 'autocannon';
import { Client } from 'pg';
import winston from 'winston';
import { createApp } from '../solution/app';
import { connectDatabase, countQueries, type Database, type QueryCounter } from '../solution/database';
import { seed } from '../solution/prisma/seed';
import { NPlusOneBookRepository } from './n-plus-one.repository';

const CONNECTIONS = 10;
const SECONDS = 5;
const WARM_UP_SECONDS = 1;
const PATH = '/api/v1/books?limit=50';

const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const databaseName = `course_ch03_bench_${process.pid}`;

function databaseUrl(name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function onServer(sql: string): Promise<void> {
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

async function listen(app: http.RequestListener): Promise<http.Server> {
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

interface Result {
  queries: number;
  requestsPerSecond: number;
}

async function measure(title: string, app: http.RequestListener, queries: QueryCounter): Promise<Result> {
  const server = await listen(app);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${PATH}`;
  try {
    queries.reset();
    const response = await fetch(url);
    const body = (await response.json()) as { data: unknown[] };
    const perRequest = queries.count;
    await autocannon({ url, connections: CONNECTIONS, duration: WARM_UP_SECONDS });
    const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS });
    if (result.non2xx > 0 || result.errors > 0)
      throw new Error(`${title}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
    console.log(
      `${title.padEnd(28)} ${String(body.data.length).padStart(3)} books  ${String(perRequest).padStart(4)} queries` +
        `  ${result.requests.average.toFixed(0).padStart(6)} req/s  latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`,
    );
    return { queries: perRequest, requestsPerSecond: result.requests.average };
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

async function main(): Promise<void> {
  await onServer(`CREATE DATABASE "${databaseName}"`);
  let database: Database | undefined;
  try {
    await migrate({
      connectionString: databaseUrl(databaseName),
      migrationsDir: path.join(__dirname, '..', 'solution', 'prisma', 'migrations'),
    });
    // The normal log level, so that every access line is formatted, but written nowhere.
    const nowhere = new Writable({ write: (_chunk, _encoding, done) => done() });
    const logger = createLogger({
      level: 'info',
      transports: [new winston.transports.Stream({ stream: nowhere })],
    });
    database = connectDatabase({ url: databaseUrl(databaseName), poolSize: CONNECTIONS, logger });
    const queries = countQueries(database.pool);
    const seeded = await seed(database.prisma, { authors: 50, books: 200 });
    console.log(
      `Seeded ${seeded.books} books by ${seeded.authors} authors. GET ${PATH}: ${CONNECTIONS} connections, ` +
        `${SECONDS} s each after ${WARM_UP_SECONDS} s of warm-up.\n`,
    );

    const fixed = await measure('include (the solution)', createApp({ database, logger }), queries);
    const nPlusOne = await measure(
      'one query per book (N+1)',
      createApp({ database, logger, repositories: { books: new NPlusOneBookRepository(database.prisma) } }),
      queries,
    );
    console.log(
      `\nN+1 sends ${(nPlusOne.queries / fixed.queries).toFixed(0)}x the queries and serves ` +
        `${((nPlusOne.requestsPerSecond / fixed.requestsPerSecond) * 100).toFixed(0)}% of the requests per second.`,
    );
  } finally {
    await database?.close();
    await onServer(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
