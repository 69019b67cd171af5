import type { Pool, PoolClient } from 'pg';
import type { Slice } from '@course/platform/lists';
import { pgConstraintViolation, withTransaction } from '../database';
import { averageRating } from './average-rating';
import { bookConstraintError } from './book.errors';
import type { BookListOptions, BookRepository } from './book.repository';
import { bookOrderBySql, bookWhereSql } from './book.sql-query';
import type { Book, BookInput, BookPatch } from './book.types';

/** A book with its author's name and its tags: one statement, whatever the number of tags. */
const SELECT_BOOKS = `
  SELECT b.id, b.title, b.isbn, b.author_id, a.name AS author_name, b.published_year, b.price_cents,
         b.review_count, b.rating_sum, b.created_at, b.updated_at,
         ARRAY(SELECT t.name FROM book_tags bt JOIN tags t ON t.id = bt.tag_id
                WHERE bt.book_id = b.id ORDER BY t.name) AS tags
    FROM books b
    JOIN authors a ON a.id = b.author_id`;

interface BookRow {
  id: string;
  title: string;
  isbn: string;
  author_id: string;
  author_name: string;
  published_year: number;
  price_cents: number;
  review_count: number;
  rating_sum: number;
  created_at: Date;
  updated_at: Date;
  tags: string[];
}

function toBook(row: BookRow): Book {
  return {
    id: row.id,
    title: row.title,
    isbn: row.isbn,
    authorId: row.author_id,
    author: { id: row.author_id, name: row.author_name },
    publishedYear: row.published_year,
    priceCents: row.price_cents,
    tags: row.tags,
    reviewCount: row.review_count,
    averageRating: averageRating(row.review_count, row.rating_sum),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Reads one book through `db`: the pool, or the client of a transaction, which sees its own uncommitted rows. */
async function findBook(db: Pool | PoolClient, id: string): Promise<Book | undefined> {
  const { rows } = await db.query<BookRow>(`${SELECT_BOOKS} WHERE b.id = $1`, [id]);
  return rows[0] && toBook(rows[0]);
}

/** Links a book to the named tags, creating the tags that do not exist yet. */
async function linkTags(client: PoolClient, bookId: string, names: string[]): Promise<void> {
  // #exercise 3.3
  if (names.length === 0) return;
  await client.query('INSERT INTO tags (name) SELECT unnest($1::text[]) ON CONFLICT (name) DO NOTHING', [
    names,
  ]);
  await client.query(
    'INSERT INTO book_tags (book_id, tag_id) SELECT $1, id FROM tags WHERE name = ANY($2::text[])',
    [bookId, names],
  );
  // #starter
  // throw new Error('Exercise 3.3 is not done yet: write linkTags()');
  // #end
}

/** The books, in SQL written by hand and sent through pg with parameters. Part A of the chapter. */
export class SqlBookRepository implements BookRepository {
  constructor(private readonly pool: Pool) {}

  async create({ tags = [], ...book }: BookInput): Promise<Book> {
    // #exercise 3.3
    try {
      return await withTransaction(this.pool, async (client) => {
        const { rows } = await client.query<{ id: string }>(
          `INSERT INTO books (title, isbn, author_id, published_year, price_cents)
           VALUES ($1, $2, $3, $4, $5) RETURNING id`,
          [book.title, book.isbn, book.authorId, book.publishedYear, book.priceCents],
        );
        const { id } = rows[0]!;
        await linkTags(client, id, tags);
        return (await findBook(client, id))!;
      });
    } catch (error) {
      throw bookConstraintError(pgConstraintViolation(error), book) ?? error;
    }
    // #starter
    // throw new Error('Exercise 3.3 is not done yet: write SqlBookRepository.create()');
    // #end
  }

  async findById(id: string): Promise<Book | undefined> {
    return findBook(this.pool, id);
  }

  async update(id: string, { tags, ...patch }: BookPatch): Promise<Book | undefined> {
    try {
      return await withTransaction(this.pool, async (client) => {
        // No field of a book can be null, so NULL can mean "keep the current value".
        const { rowCount } = await client.query(
          `UPDATE books
              SET title = COALESCE($2, title), isbn = COALESCE($3, isbn), author_id = COALESCE($4, author_id),
                  published_year = COALESCE($5, published_year), price_cents = COALESCE($6, price_cents),
                  updated_at = now()
            WHERE id = $1`,
          [id, patch.title, patch.isbn, patch.authorId, patch.publishedYear, patch.priceCents],
        );
        if (rowCount === 0) return undefined;
        if (tags) {
          await client.query('DELETE FROM book_tags WHERE book_id = $1', [id]);
          await linkTags(client, id, tags);
        }
        return findBook(client, id);
      });
    } catch (error) {
      throw bookConstraintError(pgConstraintViolation(error), patch) ?? error;
    }
  }

  async delete(id: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('DELETE FROM books WHERE id = $1', [id]);
    return rowCount !== null && rowCount > 0;
  }

  async list({ sort, limit, offset, ...filters }: BookListOptions): Promise<Slice<Book>> {
    const values: unknown[] = [];
    const where = bookWhereSql(filters, values);
    const [count, page] = await Promise.all([
      this.pool.query<{ total: number }>(`SELECT count(*)::int AS total FROM books b ${where}`, values),
      this.pool.query<BookRow>(
        `${SELECT_BOOKS} ${where} ${bookOrderBySql(sort)} LIMIT $${values.length + 1} OFFSET $${values.length + 2}`,
        [...values, limit, offset],
      ),
    ]);
    return { items: page.rows.map(toBook), total: count.rows[0]!.total, limit, offset };
  }
}
