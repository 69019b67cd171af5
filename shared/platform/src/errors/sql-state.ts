/**
 * SQLSTATEs (PostgreSQL manual, appendix A) of values that the client sent and the database refused: they are the
 * client's mistake, whatever layer let them through.
 */
export const CLIENT_DATA_SQL_STATES: ReadonlySet<string> = new Set([
  '22001', // string_data_right_truncation: longer than the column allows
  '22003', // numeric_value_out_of_range
  '22007', // invalid_datetime_format
  '22008', // datetime_field_overflow
  '22021', // character_not_in_repertoire: a NUL character, or bytes that are not UTF-8
  '22P02', // invalid_text_representation: "abc" for an integer or a uuid
  '22P05', // untranslatable_character
]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * The SQLSTATE of a database error, or undefined: from a pg DatabaseError, or from the driver-adapter error inside
 * a Prisma error (`meta.driverAdapterError.cause`), following `cause` a few levels down.
 */
export function sqlState(error: unknown, depth = 0): string | undefined {
  if (!isRecord(error) || depth > 4) return undefined;
  // pg's DatabaseError carries the SQLSTATE in `code` next to the server's `severity`.
  if (typeof error.code === 'string' && /^[0-9A-Z]{5}$/.test(error.code) && 'severity' in error)
    return error.code;
  // @prisma/adapter-pg keeps the original SQLSTATE as `originalCode`, or `code` for errors it does not classify.
  const adapterCause =
    isRecord(error.meta) && isRecord(error.meta.driverAdapterError)
      ? error.meta.driverAdapterError.cause
      : undefined;
  if (isRecord(adapterCause)) {
    for (const key of ['originalCode', 'code']) {
      const value = adapterCause[key];
      if (typeof value === 'string' && /^[0-9A-Z]{5}$/.test(value)) return value;
    }
  }
  if (isRecord(error.cause) && 'originalCode' in error.cause) {
    const value = error.cause.originalCode;
    if (typeof value === 'string' && /^[0-9A-Z]{5}$/.test(value)) return value;
  }
  return sqlState(error.cause, depth + 1);
}

/** The SQLSTATE of a database error that refused a value from the client, or undefined. */
export function clientDataSqlState(error: unknown): string | undefined {
  const state = sqlState(error);
  return state !== undefined && CLIENT_DATA_SQL_STATES.has(state) ? state : undefined;
}
