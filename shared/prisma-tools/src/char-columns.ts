import { ColumnTypeEnum, type SqlDriverAdapter, type SqlQueryable } from '@prisma/driver-adapter-utils';
import pg from 'pg';

// PostgreSQL's one-byte `"char"` type, which the catalog uses for kinds and flags (pg_class.relkind,
// pg_constraint.contype). adapter-pg 7.10 cannot read it ("Column type 'char' could not be deserialized"), and the
// schema engine reads it as a character. So pools built here report such columns to adapter-pg as text, and remember
// where they were, and adapters wrapped here hand them to the engine as characters.
const CHAR_OID = 18;
const TEXT_OID = 25;

type QueryResults = pg.QueryResult | pg.QueryResult[] | undefined;
type QueryCallback = (error: Error | null, results: QueryResults) => void;

/** The positions of `"char"` columns, keyed by the rows array, which adapter-pg passes on unchanged. */
const charColumns = new WeakMap<unknown[], number[]>();

function reportCharAsText(results: QueryResults): QueryResults {
  for (const result of Array.isArray(results) ? results : [results]) {
    const positions: number[] = [];
    (result?.fields ?? []).forEach((field, index) => {
      if (field.dataTypeID !== CHAR_OID) return;
      field.dataTypeID = TEXT_OID;
      positions.push(index);
    });
    if (result && positions.length > 0) charColumns.set(result.rows, positions);
  }
  return results;
}

function isPromise(value: unknown): value is Promise<QueryResults> {
  return typeof (value as Promise<unknown> | undefined)?.then === 'function';
}

/** A pool whose query results report `"char"` columns as text, for adapter-pg to accept them. */
export function createCatalogPool(connectionString: string): pg.Pool {
  const pool = new pg.Pool({ connectionString });
  // Every pooled client passes through here before its first query, both for pool.query() and for transactions.
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    const patched = (...args: unknown[]): unknown => {
      const callback = args.at(-1);
      if (typeof callback === 'function') {
        const done = callback as QueryCallback;
        return query(...args.slice(0, -1), (error: Error | null, results: QueryResults) =>
          done(error, error ? results : reportCharAsText(results)),
        );
      }
      const pending = query(...args);
      return isPromise(pending) ? pending.then(reportCharAsText) : pending;
    };
    client.query = patched as typeof client.query;
  });
  return pool;
}

function readCharAsCharacter<T extends SqlQueryable>(queryable: T): T {
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const index of charColumns.get(result.rows) ?? []) {
      result.columnTypes[index] = ColumnTypeEnum.Character;
    }
    return result;
  };
  return queryable;
}

/** An adapter over a catalog pool that hands `"char"` columns to the schema engine as characters. */
export function withCharColumns(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) =>
    readCharAsCharacter(await startTransaction(isolationLevel));
  return readCharAsCharacter(adapter);
}
