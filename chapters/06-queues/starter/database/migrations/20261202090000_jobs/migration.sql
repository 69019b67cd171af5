-- The little of the Bookstore that the reports read.
CREATE TABLE books (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  title text NOT NULL,
  author text NOT NULL,
  stock integer NOT NULL DEFAULT 0 CHECK (stock >= 0)
);

-- A report someone asked for. Its id is also the id of the job that builds it.
CREATE TABLE reports (
  id uuid PRIMARY KEY,
  kind text NOT NULL,
  -- The client's Idempotency-Key: a repeated request finds the report of the first one.
  idempotency_key text UNIQUE,
  -- A fingerprint of the request, so the same key with a different body can be refused.
  request_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- The transactional outbox: jobs written in the same transaction as the rows they belong to,
-- and moved to Redis by the relay.
CREATE TABLE outbox (
  id bigserial PRIMARY KEY,
  job_id uuid NOT NULL UNIQUE,
  queue text NOT NULL,
  name text NOT NULL,
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  relayed_at timestamptz
);
CREATE INDEX outbox_pending ON outbox (id) WHERE relayed_at IS NULL;

-- The idempotency guard: one row per job whose effect is applied, written in the effect's own transaction.
CREATE TABLE processed_jobs (
  job_id text PRIMARY KEY,
  result jsonb,
  processed_at timestamptz NOT NULL DEFAULT now()
);

-- The effect of a report job: the stored report. Deliberately without a unique constraint of its own, so that
-- only the guard stands between a redelivered job and a second file.
CREATE TABLE report_files (
  id bigserial PRIMARY KEY,
  report_id uuid NOT NULL,
  job_id text NOT NULL,
  body jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX report_files_report ON report_files (report_id);
