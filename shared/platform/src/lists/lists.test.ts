import { AppError } from '../errors';
import { escapeLike, parseSort, toPage } from '.';

const request = (query: Record<string, string>) => ({ query, baseUrl: '/api/v1', path: '/books' });

describe('parseSort()', () => {
  const allowed = ['title', 'publishedYear'] as const;

  it('When fields are listed with and without "-", then they come back in order with their directions', () => {
    expect(parseSort('title,-publishedYear', allowed)).toEqual([
      { field: 'title', direction: 'asc' },
      { field: 'publishedYear', direction: 'desc' },
    ]);
  });

  it('When sort is absent, then there are no keys', () => {
    expect(parseSort(undefined, allowed)).toEqual([]);
  });

  it.each(['isbn', 'title,secret', 'constructor', '', '-'])(
    'When sort is "%s", then it is a 422 that names query.sort',
    (raw) => {
      let thrown: unknown;
      try {
        parseSort(raw, allowed);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(AppError);
      expect(thrown).toMatchObject({ status: 422, errors: [{ field: 'query.sort' }] });
    },
  );
});

describe('toPage()', () => {
  it('When a middle page is wrapped, then it links to itself, the next and the previous page with the same filters', () => {
    const page = toPage(
      { items: [1, 2], total: 10, limit: 2, offset: 4 },
      request({ q: 'sea', limit: '2', offset: '4' }),
    );
    expect(page).toEqual({
      data: [1, 2],
      page: { limit: 2, offset: 4, total: 10 },
      links: {
        self: '/api/v1/books?q=sea&limit=2&offset=4',
        next: '/api/v1/books?q=sea&limit=2&offset=6',
        prev: '/api/v1/books?q=sea&limit=2&offset=2',
      },
    });
  });

  it('When the first and the last page are wrapped, then they have no prev and no next', () => {
    expect(toPage({ items: [], total: 3, limit: 5, offset: 0 }, request({})).links).toEqual({
      self: '/api/v1/books?limit=5&offset=0',
    });
    const last = toPage({ items: [1], total: 3, limit: 2, offset: 1 }, request({}));
    expect(last.links.next).toBeUndefined();
    expect(last.links.prev).toBe('/api/v1/books?limit=2&offset=0');
  });
});

describe('escapeLike()', () => {
  it('When text holds LIKE wildcards or the escape character, then each is escaped', () => {
    expect(escapeLike('100%_off\\')).toBe('100\\%\\_off\\\\');
    expect(escapeLike('plain')).toBe('plain');
  });
});
