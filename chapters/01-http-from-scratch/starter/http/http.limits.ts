/** Every limit the server enforces, in one place. A request that exceeds one is rejected before it costs more. */
export interface Limits {
  /** Longest request line, without its CRLF; longer gets 414. RFC 9112 §3 asks for at least 8000 octets. */
  maxRequestLineBytes: number;
  /** Most header field lines in one request (trailers count too); more gets 431. */
  maxHeaderCount: number;
  /** Most bytes of header field lines, CRLFs included; more gets 431. */
  maxHeaderBytes: number;
  /** Largest request body, after chunked decoding; larger gets 413. */
  maxBodyBytes: number;
  /** How long a client may take to send a complete head, from its first byte; then 408. */
  headersTimeoutMs: number;
  /** How long an idle keep-alive connection stays open waiting for the next request. */
  keepAliveTimeoutMs: number;
}

export const defaultLimits: Limits = {
  maxRequestLineBytes: 8192,
  maxHeaderCount: 100,
  maxHeaderBytes: 16 * 1024,
  maxBodyBytes: 1024 * 1024,
  headersTimeoutMs: 10_000,
  keepAliveTimeoutMs: 5_000,
};
