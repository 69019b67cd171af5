import { PrismaPg } from '@prisma/adapter-pg';
import { ColumnTypeEnum, type SqlQuery } from '@prisma/driver-adapter-utils';
import { createCatalogPool, withCharColumns } from './char-columns';
import { DEFAULT_DATABASE_URL } from './database';

const CHAR_AND_TEXT: SqlQuery = { sql: `SELECT 'c'::"char" AS kind, 'text' AS name`, args: [], argTypes: [] };

describe('char columns', () => {
  it('When a query returns a "char" column, then adapter-pg accepts it and the engine gets a character', async () => {
    const pool = createCatalogPool(process.env.DATABASE_URL || DEFAULT_DATABASE_URL);
    const adapter = withCharColumns(await new PrismaPg(pool, { disposeExternalPool: true }).connect());
    try {
      const direct = await adapter.queryRaw(CHAR_AND_TEXT);
      const transaction = await adapter.startTransaction();
      const inTransaction = await transaction.queryRaw(CHAR_AND_TEXT);
      // adapter-pg's rollback() only releases the connection; its caller sends the ROLLBACK.
      await transaction.executeRaw({ sql: 'ROLLBACK', args: [], argTypes: [] });
      await transaction.rollback();

      for (const result of [direct, inTransaction]) {
        expect(result).toMatchObject({
          columnTypes: [ColumnTypeEnum.Character, ColumnTypeEnum.Text],
          rows: [['c', 'text']],
        });
      }
    } finally {
      await adapter.dispose();
    }
  });
});
