/** Every route of the API lives under this prefix. */
export const API_BASE = '/api/v1';

/** The base of every problem's `type` URI (RFC 9457 §3.1.1). */
export const PROBLEM_TYPE_BASE = 'https://bookstore.example/problems/';

/** Where a job's status can be read: the Location of a 202 Accepted. */
export const jobLocation = (id: string) => `${API_BASE}/jobs/${id}`;
