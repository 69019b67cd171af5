-- This chapter counts login attempts in Redis (auth/redis-login-throttle.ts), so the table that chapter 4's
-- throttle counted in is read and written no more. A table nothing uses still costs a reader's attention and
-- every backup's time: it goes, in a migration of its own, like any other change to the schema.
DROP TABLE "login_counters";
