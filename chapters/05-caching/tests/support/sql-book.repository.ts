import type { Pool } from 'pg';

/** The table the invalidation tests write to: a book reduced to what the cache cares about. */
export const BOOKS_SQL = `
CREATE TABLE books (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  title text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);`;

export interface TestBook {
  id: string;
  title: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface TestListOptions {
  q?: string;
  limit: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const COLUMNS = 'id, title, created_at AS "createdAt", updated_at AS "updatedAt"';

/**
 * A small repository on a real table, standing in for chapter 4's: the cache wraps whatever has these methods.
 * It counts its queries, and `beforeReturn` lets a test hold a read after the database has answered.
 */
export class SqlBookRepository {
  queries = 0;
  beforeReturn: () => Promise<void> = async () => undefined;

  constructor(private readonly pool: Pool) {}

  async create({ title }: { title: string }): Promise<TestBook> {
    this.queries += 1;
    const { rows } = await this.pool.query<TestBook>(
      `INSERT INTO books (title) VALUES ($1) RETURNING ${COLUMNS}`,
      [title],
    );
    return rows[0]!;
  }

  async findById(id: string): Promise<TestBook | undefined> {
    // Like chapter 4's repository: an id that is not a UUID matches no book, without a query.
    if (!UUID.test(id)) return undefined;
    this.queries += 1;
    const { rows } = await this.pool.query<TestBook>(`SELECT ${COLUMNS} FROM books WHERE id = $1`, [id]);
    await this.beforeReturn();
    return rows[0];
  }

  async update(id: string, { title }: { title: string }): Promise<TestBook | undefined> {
    this.queries += 1;
    const { rows } = await this.pool.query<TestBook>(
      `UPDATE books SET title = $2, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, title],
    );
    return rows[0];
  }

  async delete(id: string): Promise<boolean> {
    this.queries += 1;
    const { rowCount } = await this.pool.query('DELETE FROM books WHERE id = $1', [id]);
    return rowCount === 1;
  }

  async list({ q = '', limit }: TestListOptions) {
    this.queries += 1;
    const { rows } = await this.pool.query<TestBook>(
      `SELECT ${COLUMNS} FROM books WHERE strpos(title, $1) > 0 ORDER BY title, id LIMIT $2`,
      [q, limit],
    );
    return { items: rows, total: rows.length, limit, offset: 0 };
  }
}
