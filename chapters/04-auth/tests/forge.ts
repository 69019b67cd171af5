import { generateKeyPair, randomUUID, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import jwt from 'jsonwebtoken';
import type { TokenConfig } from '@target/config';

// Tokens that an attacker could make, to check that none of them gets in.

export type Claims = Record<string, unknown>;

/** The claims of a good access token for `userId`, with `overrides` on top. */
export function claimsFor(userId: string, tokens: TokenConfig, overrides: Claims = {}): Claims {
  const now = Math.floor(Date.now() / 1000);
  return {
    sub: userId,
    iss: tokens.issuer,
    aud: tokens.audience,
    iat: now,
    exp: now + 600,
    jti: randomUUID(),
    ...overrides,
  };
}

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** An unsigned token that says so in its header (`alg: none`, RFC 7519 §6). */
export function unsignedToken(claims: Claims): string {
  return `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims)}.`;
}

export function signedWith(
  claims: Claims,
  secret: string,
  algorithm: 'HS256' | 'HS384' | 'HS512' = 'HS256',
): string {
  // jsonwebtoken adds iat to a payload without one, unless told not to.
  return jwt.sign(claims, secret, { algorithm, noTimestamp: !('iat' in claims) });
}

// The attacker's RSA key. Generating one takes a few hundred milliseconds of CPU, so it starts as the test file loads,
// on libuv's thread pool, while the file's database is cloned and its app loaded. Only the first use waits for it.
const attackerKey: Promise<KeyObject> = promisify(generateKeyPair)('rsa', { modulusLength: 2048 }).then(
  (pair) => pair.privateKey,
);

/** A token signed with an RSA key of the attacker's: the signature is genuine, but not ours. */
export async function signedWithRsa(claims: Claims): Promise<string> {
  return jwt.sign(claims, await attackerKey, { algorithm: 'RS256' });
}

/** The token with its payload swapped for `changes` applied to it, and the original header and signature kept. */
export function tampered(token: string, changes: Claims): string {
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Claims;
  return `${header}.${base64url({ ...claims, ...changes })}.${signature}`;
}

/** The claims without the one named: what a token made by someone who forgot it, or left it out on purpose, holds. */
export function without(claims: Claims, name: string): Claims {
  return Object.fromEntries(Object.entries(claims).filter(([key]) => key !== name));
}

/** The forgeries that every verifier must reject as invalid (not as expired), each with its name. */
export async function forgeries(
  userId: string,
  tokens: TokenConfig,
  goodToken: string,
): Promise<[string, string][]> {
  const claims = claimsFor(userId, tokens);
  return [
    ['alg none', unsignedToken(claims)],
    ['another secret', signedWith(claims, `${tokens.secret}-not`)],
    ['HS512 with our secret', signedWith(claims, tokens.secret, 'HS512')],
    ['HS384 with our secret', signedWith(claims, tokens.secret, 'HS384')],
    ['RS256 with another key', await signedWithRsa(claims)],
    ['sub changed, signature kept', tampered(goodToken, { sub: randomUUID() })],
    ['exp extended, signature kept', tampered(goodToken, { exp: Math.floor(Date.now() / 1000) + 86_400 })],
    ['another issuer', signedWith(claimsFor(userId, tokens, { iss: 'someone-else' }), tokens.secret)],
    ['another audience', signedWith(claimsFor(userId, tokens, { aud: 'another-api' }), tokens.secret)],
    ['expired and another secret', signedWith(claimsFor(userId, tokens, { exp: 1 }), `${tokens.secret}-not`)],
    ['not a JWT', 'bm90LWEtand0'],
    // Signed with our secret, but missing a claim that every token of ours has: without exp it would never expire.
    ...['exp', 'iat', 'sub', 'jti', 'iss', 'aud'].map((claim): [string, string] => [
      `no ${claim}, signed with our secret`,
      signedWith(without(claims, claim), tokens.secret),
    ]),
  ];
}
