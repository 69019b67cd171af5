-- What Prisma's schema language cannot say: rules the database enforces whatever the code does.

-- A user follows others, never themselves.
ALTER TABLE "follows" ADD CONSTRAINT "follows_not_self" CHECK ("follower_id" <> "followed_id");

ALTER TABLE "articles" ADD CONSTRAINT "articles_slug_not_blank" CHECK ("slug" <> '');
ALTER TABLE "articles" ADD CONSTRAINT "articles_favorites_count_not_negative" CHECK ("favorites_count" >= 0);

-- articles.favorites_count follows the favorites table row by row. A second favourite by the same user is refused
-- by the primary key (or skipped with ON CONFLICT DO NOTHING) before any trigger runs, so concurrent requests can
-- never count one favourite twice, and deletes through a cascade (a user removed) are counted too.
CREATE FUNCTION "count_favorites"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE "articles" SET "favorites_count" = "favorites_count" + 1 WHERE "id" = NEW."article_id";
  ELSE
    UPDATE "articles" SET "favorites_count" = "favorites_count" - 1 WHERE "id" = OLD."article_id";
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "favorites_count"
  AFTER INSERT OR DELETE ON "favorites"
  FOR EACH ROW EXECUTE FUNCTION "count_favorites"();
