-- The one table this chapter reads; chapter 3 builds the whole Bookstore schema.
CREATE TABLE "books" (
  "id" SERIAL PRIMARY KEY,
  "title" TEXT NOT NULL,
  "isbn" TEXT NOT NULL UNIQUE,
  "published_year" INTEGER
);
