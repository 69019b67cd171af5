import etag from 'etag';
import type { CacheCodec } from './redis-cache';

/**
 * A JSON response as it goes on the wire: the body serialised once, and its ETag. Cached in this form, a hit is sent
 * as it is, with no parsing, no serialising and no hashing; `sendRepresentation()` of the http module sends it.
 */
export interface JsonRepresentation {
  readonly body: Buffer;
  /** A weak ETag of the body, the same one Express computes when it sends that body itself. */
  readonly etag: string;
}

/** Serialises `value` as `res.json()` would (no spaces, no replacer) and tags it. */
export function toJsonRepresentation(value: object): JsonRepresentation {
  const body = Buffer.from(JSON.stringify(value));
  return { body, etag: etag(body, { weak: true }) };
}

// What etag() makes of a body: W/"<length in hex>-<27 characters of base64 SHA-1>".
const WEAK_ETAG = /^W\/"[0-9a-f]+-[A-Za-z0-9+/]{27}"$/;

/** Stores a representation as its ETag, a newline, then the body, so that a hit is two slices of one buffer. */
export const representationCodec: CacheCodec<JsonRepresentation> = {
  encode: ({ body, etag: tag }) => Buffer.concat([Buffer.from(`${tag}\n`), body]),
  decode(stored) {
    const newline = stored.indexOf(0x0a);
    if (newline < 0) return undefined;
    const tag = stored.toString('latin1', 0, newline);
    if (!WEAK_ETAG.test(tag)) return undefined;
    return { value: { etag: tag, body: stored.subarray(newline + 1) } };
  },
};
