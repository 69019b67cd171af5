import { createHash } from 'node:crypto';

/** The checksum Prisma records for a migration: the sha256 of its migration.sql, in lower-case hex. */
export function checksumOf(script: string | Buffer): string {
  return createHash('sha256').update(script).digest('hex');
}

/**
 * Whether a script matches a recorded checksum. Like Prisma, it accepts the script with LF or CRLF line endings,
 * because git may convert them on checkout and that is not an edit.
 */
export function matchesChecksum(script: string, checksum: string): boolean {
  const variants = [script, script.replaceAll('\r\n', '\n'), script.replaceAll('\n', '\r\n')];
  return variants.some((variant) => checksumOf(variant) === checksum);
}
