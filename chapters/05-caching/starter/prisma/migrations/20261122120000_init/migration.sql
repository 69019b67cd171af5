-- The Bookstore's first schema, written by hand. Every later change to the database is a new migration folder,
-- and a migration that has been applied anywhere is never edited again.

-- uuid keys: clients can't guess their neighbours, and rows can be created anywhere without a shared counter.
-- gen_random_uuid() is built into PostgreSQL 13 and later.
CREATE TABLE authors (
    id         uuid        NOT NULL DEFAULT gen_random_uuid(),
    name       text        NOT NULL,
    bio        text,
    created_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT authors_pkey PRIMARY KEY (id)
);

-- review_count and rating_sum summarise the book's reviews, so that a list of books can show ratings
-- without reading every review. Whoever adds a review updates them in the same transaction.
CREATE TABLE books (
    id             uuid        NOT NULL DEFAULT gen_random_uuid(),
    title          text        NOT NULL,
    isbn           text        NOT NULL,
    author_id      uuid        NOT NULL,
    published_year integer     NOT NULL,
    price_cents    integer     NOT NULL,
    review_count   integer     NOT NULL DEFAULT 0,
    rating_sum     integer     NOT NULL DEFAULT 0,
    created_at     timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at     timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT books_pkey PRIMARY KEY (id),
    -- RESTRICT: an author who still has books cannot be deleted, since the books would lose their author.
    CONSTRAINT books_author_id_fkey FOREIGN KEY (author_id) REFERENCES authors (id) ON DELETE RESTRICT
);
CREATE UNIQUE INDEX books_isbn_key ON books (isbn);
-- PostgreSQL indexes a primary key by itself, but not a foreign key: "the books of an author" needs this one.
CREATE INDEX books_author_id_idx ON books (author_id);

CREATE TABLE reviews (
    id         uuid        NOT NULL DEFAULT gen_random_uuid(),
    book_id    uuid        NOT NULL,
    reviewer   text        NOT NULL,
    rating     integer     NOT NULL,
    body       text,
    created_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT reviews_pkey PRIMARY KEY (id),
    -- CASCADE: a review belongs to its book and goes with it.
    CONSTRAINT reviews_book_id_fkey FOREIGN KEY (book_id) REFERENCES books (id) ON DELETE CASCADE
);
-- One review per reviewer and book. The index also serves "the reviews of a book", since book_id comes first.
CREATE UNIQUE INDEX reviews_book_id_reviewer_key ON reviews (book_id, reviewer);

CREATE TABLE tags (
    id   uuid NOT NULL DEFAULT gen_random_uuid(),
    name text NOT NULL,
    CONSTRAINT tags_pkey PRIMARY KEY (id)
);
CREATE UNIQUE INDEX tags_name_key ON tags (name);

-- The many-to-many relation between books and tags: one row per link, and its key forbids duplicate links.
CREATE TABLE book_tags (
    book_id uuid NOT NULL,
    tag_id  uuid NOT NULL,
    CONSTRAINT book_tags_pkey PRIMARY KEY (book_id, tag_id),
    CONSTRAINT book_tags_book_id_fkey FOREIGN KEY (book_id) REFERENCES books (id) ON DELETE CASCADE,
    CONSTRAINT book_tags_tag_id_fkey FOREIGN KEY (tag_id) REFERENCES tags (id) ON DELETE CASCADE
);
-- The primary key serves lookups by book_id, but "the books with a tag" needs an index that starts with tag_id.
CREATE INDEX book_tags_tag_id_idx ON book_tags (tag_id);

-- The rules that every row must follow, whichever program writes it. The API checks the same rules to give
-- friendlier errors, and these are the last line of defence.
ALTER TABLE authors
    ADD CONSTRAINT authors_name_check CHECK (name ~ '\S' AND length(name) <= 200);
ALTER TABLE books
    ADD CONSTRAINT books_title_check CHECK (title ~ '\S' AND length(title) <= 300),
    ADD CONSTRAINT books_isbn_check CHECK (isbn ~ '^97[89][0-9]{10}$'),
    ADD CONSTRAINT books_published_year_check CHECK (published_year BETWEEN 1450 AND 2100),
    ADD CONSTRAINT books_price_cents_check CHECK (price_cents >= 0),
    -- Every rating is 1 to 5, so the sum lies between 1 and 5 times the count (and the count is never negative).
    ADD CONSTRAINT books_rating_check CHECK (rating_sum BETWEEN review_count AND 5 * review_count);
ALTER TABLE reviews
    ADD CONSTRAINT reviews_rating_check CHECK (rating BETWEEN 1 AND 5);
ALTER TABLE tags
    ADD CONSTRAINT tags_name_check CHECK (name ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(name) <= 30);

-- The title search (`q`) matches anywhere in a title, which a B-tree index cannot serve. A trigram index can.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX books_title_trgm_idx ON books USING gin (title gin_trgm_ops);
