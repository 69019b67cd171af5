import type { PoolClient } from 'pg';
import type { ReportKind } from './report.types';

/** Builds a report's content from the books table. */
export async function buildReport(client: PoolClient, kind: ReportKind): Promise<Record<string, unknown>> {
  if (kind === 'stock') {
    const { rows } = await client.query<{ titles: number; copies: number; out_of_stock: number }>(
      `SELECT count(*)::int AS titles, coalesce(sum(stock), 0)::int AS copies,
              count(*) FILTER (WHERE stock = 0)::int AS out_of_stock
         FROM books`,
    );
    const row = rows[0]!;
    return { kind, titles: row.titles, copies: row.copies, outOfStock: row.out_of_stock };
  }
  const { rows } = await client.query<{ author: string; titles: number }>(
    'SELECT author, count(*)::int AS titles FROM books GROUP BY author ORDER BY titles DESC, author LIMIT 10',
  );
  return { kind, authors: rows };
}
