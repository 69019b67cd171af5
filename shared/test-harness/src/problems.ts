/** The parts of an HTTP response that {@link expectProblem} reads; supertest's Response has them. */
export interface ResponseLike {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  text: string;
}

/** What else {@link expectProblem} checks. */
export interface ExpectProblemOptions {
  /** The problem `type` must start with this, such as `https://bookstore.example/problems/`; any https URI by default. */
  typeBase?: string;
  /** Whether the problem must name the request path in `instance`; true by default. */
  instance?: boolean;
}

/**
 * Checks that a response is an RFC 9457 problem with the given status and stable code, with every member a
 * client relies on, and that it leaks no stack trace.
 */
export function expectProblem(
  res: ResponseLike,
  status: number,
  code: string,
  { typeBase, instance = true }: ExpectProblemOptions = {},
): void {
  const body = res.body as Record<string, unknown>;
  expect({ status: res.status, code: body?.code }).toEqual({ status, code });
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(body).toEqual(
    expect.objectContaining({
      type: typeBase
        ? `${typeBase}${code.toLowerCase().replace(/_/g, '-')}`
        : expect.stringMatching(/^https:\/\//),
      title: expect.any(String),
      status,
      detail: expect.any(String),
      code,
      ...(instance && { instance: expect.stringMatching(/^\//) }),
    }),
  );
  expect(res.text).not.toMatch(/stack|\bat .+\.[jt]s:\d+/i);
}
