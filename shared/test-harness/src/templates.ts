import { createHash } from 'node:crypto';
import { migrate, readMigrationsFolder } from '@course/db-migrate';
import { Client } from 'pg';

/**
 * Template databases: each set of migrations (and schema SQL) is applied once, to a database named
 * `course_tpl_<label>_<hash>_<created>`, and every test file's database is cloned from it with
 * `CREATE DATABASE … TEMPLATE`, which copies files instead of replaying SQL. The hash covers the migrations' names
 * and contents and the schema SQL, so editing a migration builds a new template.
 */
export const TEMPLATE_PREFIX = 'course_tpl_';
const TEMPLATE_NAME = /^course_tpl_([a-z0-9_]*)_([0-9a-f]{12})_([0-9a-z]+)$/;
// Advisory locks take two int4 keys; the first one keeps ours apart from anyone else's.
const LOCK_NAMESPACE = 727073;
/** Another template of the same package older than this is an earlier version of the migrations: it goes. */
export const SAME_LABEL_STALE_MS = 10 * 60_000;
/** Any template older than this goes; it is rebuilt in about a second when someone needs it again. */
export const ANY_LABEL_STALE_MS = 24 * 60 * 60_000;

export interface TemplateSource {
  migrationsDir?: string;
  schemaSql?: string;
}

/** The first 12 hex digits of a sha256 over the migrations' names and checksums and the schema SQL. */
export function templateHash(source: TemplateSource): string {
  const hash = createHash('sha256');
  for (const file of source.migrationsDir ? readMigrationsFolder(source.migrationsDir) : []) {
    hash.update(`${file.name}\0${file.checksum}\0`);
  }
  hash.update(`\0${source.schemaSql ?? ''}`);
  return hash.digest('hex').slice(0, 12);
}

function templatePrefix(label: string, hash: string): string {
  const clean = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 30);
  return `${TEMPLATE_PREFIX}${clean}_${hash}`;
}

/** The label, hash and creation time encoded in a template's name, or undefined for any other database. */
export function parseTemplateName(
  name: string,
): { label: string; hash: string; createdAt: number } | undefined {
  const match = TEMPLATE_NAME.exec(name);
  if (!match) return undefined;
  return { label: match[1]!, hash: match[2]!, createdAt: parseInt(match[3]!, 36) };
}

/**
 * The name of a ready template for `source`, building it first when there is none. Builders of the same template
 * wait for each other on an advisory lock, so concurrent jest workers build it once; a template counts as ready only
 * once it is marked IS_TEMPLATE, which happens after the last migration, so a half-built one is never cloned.
 */
export async function ensureTemplate(
  admin: Client,
  serverUrl: string,
  label: string,
  source: TemplateSource,
): Promise<string> {
  const prefix = templatePrefix(label, templateHash(source));
  const ready = await findTemplate(admin, prefix);
  if (ready) return ready;
  await admin.query('SELECT pg_advisory_lock($1, hashtext($2))', [LOCK_NAMESPACE, prefix]);
  try {
    const builtMeanwhile = await findTemplate(admin, prefix);
    if (builtMeanwhile) return builtMeanwhile;
    const name = await buildTemplate(admin, serverUrl, prefix, source);
    await dropStaleTemplates(admin, name);
    return name;
  } finally {
    await admin.query('SELECT pg_advisory_unlock($1, hashtext($2))', [LOCK_NAMESPACE, prefix]);
  }
}

async function findTemplate(admin: Client, prefix: string): Promise<string | undefined> {
  const { rows } = await admin.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datistemplate AND datname LIKE $1 || '\\_%' ORDER BY datname DESC LIMIT 1`,
    [prefix.replaceAll('_', '\\_')],
  );
  return rows[0]?.datname;
}

async function buildTemplate(
  admin: Client,
  serverUrl: string,
  prefix: string,
  source: TemplateSource,
): Promise<string> {
  // Only a builder that died before marking its database leaves one of these; we hold the lock, so none is live.
  const { rows } = await admin.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE NOT datistemplate AND datname LIKE $1 || '\\_%'`,
    [prefix.replaceAll('_', '\\_')],
  );
  for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);

  const name = `${prefix}_${Date.now().toString(36)}`;
  await admin.query(`CREATE DATABASE "${name}"`);
  try {
    const url = databaseUrl(serverUrl, name);
    if (source.migrationsDir) await migrate({ connectionString: url, migrationsDir: source.migrationsDir });
    if (source.schemaSql) await runOnce(url, source.schemaSql);
    // No one may connect to a template: CREATE DATABASE … TEMPLATE fails while anyone is connected to it.
    await admin.query(`ALTER DATABASE "${name}" WITH ALLOW_CONNECTIONS false IS_TEMPLATE true`);
    return name;
  } catch (error) {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    throw error;
  }
}

async function runOnce(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Drops the templates of earlier versions of the migrations: those of the same package made more than ten minutes
 * ago, and any made more than a day ago. One that is being cloned at that moment is dropped once the clone is done
 * (DROP DATABASE waits for CREATE DATABASE's lock), and a test that wanted it next builds it again.
 */
export async function dropStaleTemplates(
  admin: Client,
  current: string,
  now = Date.now(),
): Promise<string[]> {
  const mine = parseTemplateName(current);
  const { rows } = await admin.query<{ datname: string }>(
    "SELECT datname FROM pg_database WHERE datistemplate AND datname LIKE 'course\\_tpl\\_%'",
  );
  const stale = rows
    .map((row) => row.datname)
    .filter((name) => {
      const other = parseTemplateName(name);
      if (!other || name === current) return false;
      const age = now - other.createdAt;
      return (other.label === mine?.label && age > SAME_LABEL_STALE_MS) || age > ANY_LABEL_STALE_MS;
    });
  for (const name of stale) await dropTemplate(admin, name);
  return stale;
}

/** A template cannot be dropped as it is; it has to stop being one first. */
export async function dropTemplate(admin: Client, name: string): Promise<void> {
  try {
    await admin.query(`ALTER DATABASE "${name}" WITH IS_TEMPLATE false`);
  } catch (error) {
    if ((error as { code?: string }).code === '3D000') return; // someone else dropped it first
    throw error;
  }
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

/** Who is connected to `database` right now, as `application_name (client)` strings. */
export async function connectedTo(admin: Client, database: string): Promise<string[]> {
  const { rows } = await admin.query<{ who: string }>(
    `SELECT coalesce(nullif(application_name, ''), 'a client') || ' (pid ' || pid || ')' AS who
       FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
    [database],
  );
  return rows.map((row) => row.who);
}

export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
