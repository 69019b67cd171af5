import { randomBytes } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type pg from 'pg';
import { createCatalogPool, withCharColumns } from './char-columns';
import { createDatabase, dropDatabase, emptyDatabase, withDatabase } from './database';

/** Shadow databases are named `<prefix><process id>_<random>`, so that a leftover one says where it came from. */
export const SHADOW_DATABASE_PREFIX = 'course_prisma_shadow_';

/**
 * What the schema engine connects through: the database at `databaseUrl`, and throwaway shadow databases on the same
 * server. It stands in for adapter-pg's own factory, which in 7.10 makes the shadow database the main one when given a
 * connection string, and drops the shadow database while its pool still holds connections. Here a shadow database gets
 * a unique name, is emptied for reuse once the engine has let go of it, and is dropped by `close()`, after every pool
 * has ended.
 */
export class MigrationAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = 'postgres';
  readonly adapterName = '@prisma/adapter-pg';
  private readonly pools: pg.Pool[] = [];
  private readonly shadowDatabases: string[] = [];
  private shadow?: { url: string; pool: pg.Pool };

  constructor(private readonly databaseUrl: string) {}

  connect(): Promise<SqlDriverAdapter> {
    return this.adapterOn(this.newPool(this.databaseUrl));
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    let url: string;
    if (this.shadow?.pool.ending) {
      url = this.shadow.url;
      await emptyDatabase(url);
    } else {
      const name = `${SHADOW_DATABASE_PREFIX}${process.pid}_${randomBytes(4).toString('hex')}`;
      await createDatabase(this.databaseUrl, name);
      this.shadowDatabases.push(name);
      url = withDatabase(this.databaseUrl, name);
    }
    const pool = this.newPool(url);
    this.shadow = { url, pool };
    return this.adapterOn(pool);
  }

  /** Ends the pools that the engine left open and drops every shadow database. */
  async close(): Promise<void> {
    await Promise.all(this.pools.filter((pool) => !pool.ending).map((pool) => pool.end()));
    for (const name of this.shadowDatabases.splice(0)) await dropDatabase(this.databaseUrl, name);
  }

  private newPool(url: string): pg.Pool {
    const pool = createCatalogPool(url);
    this.pools.push(pool);
    return pool;
  }

  private async adapterOn(pool: pg.Pool): Promise<SqlDriverAdapter> {
    const adapter = withCharColumns(await new PrismaPg(pool, { disposeExternalPool: true }).connect());
    // adapter-pg 7.10 splits a migration script at every ";", even inside comments and string literals. Without
    // parameters, pg sends the whole script as one simple query, which PostgreSQL splits correctly itself.
    adapter.executeScript = async (script) => {
      await adapter.executeRaw({ sql: script, args: [], argTypes: [] });
    };
    return adapter;
  }
}
