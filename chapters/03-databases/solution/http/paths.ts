/** Every API route lives under this prefix, so that a v2 can run beside v1 while clients move over. */
export const API_BASE = '/api/v1';
