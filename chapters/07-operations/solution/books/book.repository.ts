import type { Pool } from 'pg';

export interface Book {
  id: number;
  title: string;
  isbn: string;
  publishedYear: number | null;
}

interface BookRow {
  id: number;
  title: string;
  isbn: string;
  published_year: number | null;
}

const toBook = (row: BookRow): Book => ({
  id: row.id,
  title: row.title,
  isbn: row.isbn,
  publishedYear: row.published_year,
});

export class BookRepository {
  constructor(private readonly pool: Pool) {}

  async list(limit: number): Promise<Book[]> {
    const { rows } = await this.pool.query<BookRow>('SELECT * FROM books ORDER BY id LIMIT $1', [limit]);
    return rows.map(toBook);
  }

  async find(id: number): Promise<Book | undefined> {
    const { rows } = await this.pool.query<BookRow>('SELECT * FROM books WHERE id = $1', [id]);
    return rows[0] && toBook(rows[0]);
  }
}
