/** Every API route lives under this prefix, so that a v2 can run beside v1 while clients move over. */
export const API_BASE = '/api/v1';

/** The base of every problem's `type` URI (RFC 9457 §3.1.1). `example` is a reserved domain (RFC 2606). */
export const PROBLEM_TYPE_BASE = 'https://bookstore.example/problems/';
