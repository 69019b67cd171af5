import { Client } from 'pg';
import { MigrationError } from './migration-error';
import { CONNECT_TIMEOUT_MS } from './probe';
import { redactUrl } from './redact-url';
import { unreachableReason } from './unreachable';

/** A connected pg client, or a MigrationError that names the server with its password redacted. */
export async function connectClient(connectionString: string): Promise<Client> {
  const client = new Client({ connectionString, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  try {
    await client.connect();
    return client;
  } catch (error) {
    const reason = unreachableReason(error);
    const where = redactUrl(connectionString);
    throw new MigrationError({
      code: 'DATABASE_UNREACHABLE',
      message: reason
        ? `PostgreSQL is not reachable at ${where} (${reason})`
        : `Could not connect to PostgreSQL at ${where}: ${(error as Error).message}`,
      cause: error,
    });
  }
}
