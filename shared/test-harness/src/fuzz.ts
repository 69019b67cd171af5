import fc from 'fast-check';
import type { OpenApiDocument, ResponseLike, ResponseValidator } from './openapi';

/** The parts of a JSON schema in an OpenAPI 3.0 document that the generators read. */
export interface SchemaObject {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  nullable?: boolean;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  items?: SchemaObject;
  properties?: Record<string, SchemaObject>;
  required?: string[];
}

/** The parts of an operation that the generators read. */
export interface FuzzOperation {
  parameters?: { name: string; in: string; required?: boolean; schema: SchemaObject }[];
  requestBody?: { content: Record<string, { schema: SchemaObject }> };
}

/** One generated request, before the values that exist only at run time (ids) are filled in. */
export interface FuzzRequest {
  /** Path parameters; {@link KNOWN_ID} stands for an id that the API has handed out. */
  params: Record<string, string>;
  query: Record<string, string>;
  body?: { kind: 'json'; value: unknown } | { kind: 'raw'; text: string; headers: Record<string, string> };
}

/** Stands for an id that exists: the test swaps it for one of the ids the API has answered with. */
export const KNOWN_ID = '<known id>';

/** How {@link requestsFor} shapes valid bodies. */
export interface FuzzOptions {
  /** Fixes fields of a valid body that the schema cannot make valid on its own (real ids, fresh ISBNs). */
  validBody?(body: Record<string, unknown>): Record<string, unknown>;
  /** Query parameters whose valid values the schema does not say (such as `sort`): valid queries leave them out. */
  freeQueryParameters?: readonly string[];
}

/** Every operation of a document, as `{ method, path, operation }`. */
export function operationsOf(
  document: OpenApiDocument,
): { method: string; path: string; operation: FuzzOperation }[] {
  return Object.entries(document.paths).flatMap(([path, byMethod]) =>
    Object.entries(byMethod).map(([method, operation]) => ({
      method,
      path,
      operation: operation as FuzzOperation,
    })),
  );
}

function resolver(document: OpenApiDocument): (schema: SchemaObject) => SchemaObject {
  const schemas =
    (document.components as { schemas?: Record<string, SchemaObject> } | undefined)?.schemas ?? {};
  const resolve = (schema: SchemaObject): SchemaObject =>
    schema.$ref ? resolve(schemas[schema.$ref.replace('#/components/schemas/', '')] ?? {}) : schema;
  return resolve;
}

/**
 * Any 0 to 30 code points, lone surrogates included. `fc.string({ unit: 'binary' })` gives the same, but on first use
 * it builds a table of all 1.1 million code points to find the names below inside it, which took over a second for
 * every test file that loaded this module (jest loads modules again for each file).
 */
const anyCodePoints = fc
  .array(fc.integer({ min: 0, max: 0x10ffff }), { maxLength: 30 })
  .map((codes) => String.fromCodePoint(...codes));

/** Names that every object or function answers to, which break code that looks values up by name. */
const builtInNames = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  '__defineGetter__',
  'length',
  'name',
  'call',
  'apply',
];

/** Strings that break rules: NUL and control characters, huge, empty, numbers in odd forms, broken encodings. */
const nastyString = fc.oneof(
  fc.constantFrom(...builtInNames),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '%',
    '%E0%A4%A',
    '1e23',
    '-1',
    '2147483648',
    '1.5',
    'null',
    '🙂',
  ),
  anyCodePoints,
  fc.string({ maxLength: 5 }).map((s) => s.repeat(500)),
);

/** A body that is not what the operation reads: not JSON, not labelled JSON, or claiming a compression it lacks. */
const rawBody = fc.record({
  text: fc.oneof(fc.constantFrom('{', '{"a":', '[]', 'null', '"x"', '{"a":1}'), fc.string({ maxLength: 40 })),
  headers: fc.constantFrom<Record<string, string>>(
    { 'Content-Type': 'application/json' },
    { 'Content-Type': 'text/plain' },
    { 'Content-Type': 'application/json; charset=latin1' },
    { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
    {},
  ),
});

/**
 * Requests to one operation of an OpenAPI document, valid ones and every kind of invalid one in one stream: path
 * parameters that name a known resource, a random UUID or nonsense; queries within and outside their bounds; bodies
 * that are valid, have one field spoiled, miss a required field, carry unknown or prototype-polluting fields, or are
 * not JSON at all. Send each, and check the answer against the document with {@link responseValidator}.
 */
export function requestsFor(
  document: OpenApiDocument,
  operation: FuzzOperation,
  options: FuzzOptions = {},
): fc.Arbitrary<FuzzRequest> {
  const resolve = resolver(document);

  function validValue(schema: SchemaObject): fc.Arbitrary<unknown> {
    const s = resolve(schema);
    let base: fc.Arbitrary<unknown>;
    if (s.enum) base = fc.constantFrom(...s.enum);
    else if (s.type === 'string') {
      const maxLength = Math.min(s.maxLength ?? 40, 40);
      base = s.pattern
        ? fc
            .stringMatching(new RegExp(s.pattern), { maxLength })
            .filter((v) => v.length >= (s.minLength ?? 0))
        : fc.string({ minLength: s.minLength ?? 0, maxLength, unit: 'grapheme' });
    } else if (s.type === 'integer') {
      base = fc.integer({ min: s.minimum ?? -(2 ** 31), max: s.maximum ?? 2 ** 31 - 1 });
    } else if (s.type === 'number') base = fc.double({ noNaN: true, noDefaultInfinity: true });
    else if (s.type === 'boolean') base = fc.boolean();
    else if (s.type === 'array') base = fc.array(validValue(s.items ?? {}), { maxLength: 3 });
    else if (s.type === 'object') {
      const properties = Object.fromEntries(
        Object.entries(s.properties ?? {}).map(([name, property]) => [name, validValue(property)]),
      );
      base = fc.record(properties, { requiredKeys: s.required ?? [] });
    } else base = fc.jsonValue();
    return s.nullable ? fc.oneof(base, fc.constant(null)) : base;
  }

  function invalidValue(schema: SchemaObject): fc.Arbitrary<unknown> {
    const wrongKind = fc.oneof(fc.jsonValue(), nastyString);
    if (resolve(schema).type !== 'integer') return wrongKind;
    return fc.oneof(wrongKind, fc.double(), fc.constantFrom(2 ** 31, -(2 ** 31) - 1, 1e23, -1e23, 1.5));
  }

  function jsonBody(schema: SchemaObject): fc.Arbitrary<unknown> {
    const s = resolve(schema);
    const valid = validValue(s).map((value) =>
      options.validBody && typeof value === 'object' && value !== null && !Array.isArray(value)
        ? options.validBody(value as Record<string, unknown>)
        : value,
    );
    const names = Object.keys(s.properties ?? {});
    if (names.length === 0) return valid;
    const spoiled = fc
      .tuple(valid, fc.constantFrom(...names))
      .chain(([body, name]) =>
        invalidValue(s.properties![name]!).map((bad) => ({ ...(body as object), [name]: bad })),
      );
    const dropped = fc.tuple(valid, fc.constantFrom(...names)).map(([body, name]) => {
      const copy = { ...(body as Record<string, unknown>) };
      delete copy[name];
      return copy;
    });
    // JSON.parse makes "__proto__" an own property, as it arrives from a client, not the object's prototype.
    const pollution = JSON.parse('{"__proto__": {"polluted": true}}') as object;
    const extra = valid.map((body) => ({ ...(body as object), roles: ['admin'], ...pollution }));
    return fc.oneof({ arbitrary: valid, weight: 5 }, spoiled, dropped, extra, fc.jsonValue());
  }

  const parameters = operation.parameters ?? [];
  const params = fc.record(
    Object.fromEntries(
      parameters
        .filter((p) => p.in === 'path')
        .map((p) => [
          p.name,
          fc.oneof({ arbitrary: fc.constant(KNOWN_ID), weight: 3 }, fc.uuid(), nastyString),
        ]),
    ),
  ) as fc.Arbitrary<Record<string, string>>;
  const queryParameters = parameters.filter((p) => p.in === 'query');
  const queryOf = (value: (schema: SchemaObject) => fc.Arbitrary<string>, names = queryParameters) =>
    fc.record(Object.fromEntries(names.map((p) => [p.name, value(p.schema)])), {
      requiredKeys: [],
    }) as fc.Arbitrary<Record<string, string>>;
  const validQuery = (schema: SchemaObject) => validValue(schema).map(String);
  const free = new Set(options.freeQueryParameters ?? ['sort']);
  const query = fc.oneof(
    {
      arbitrary: queryOf(
        validQuery,
        queryParameters.filter((p) => !free.has(p.name)),
      ),
      weight: 2,
    },
    queryOf((schema) => fc.oneof({ arbitrary: validQuery(schema), weight: 2 }, nastyString)),
  );
  const schema = operation.requestBody?.content['application/json']?.schema;
  const body = schema
    ? fc.oneof(
        { arbitrary: jsonBody(schema).map((value) => ({ kind: 'json' as const, value })), weight: 4 },
        rawBody.map((raw) => ({ kind: 'raw' as const, ...raw })),
      )
    : fc.constant(undefined);
  return fc.record({ params, query, body }, { requiredKeys: ['params', 'query'] });
}

/**
 * The fast-check settings of a fuzz test: `runs` runs by default, FUZZ_RUNS to change that, and FUZZ_SEED to replay
 * the run whose seed a failure printed.
 */
export function fuzzSettings(runs: number): { numRuns: number; seed?: number } {
  const seed = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
  return { numRuns: Number(process.env.FUZZ_RUNS ?? runs), ...(seed !== undefined && { seed }) };
}

/** A generated request as it goes on the wire: the path with its query string, the headers and the body text. */
export interface WireRequest {
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/**
 * Fills in a request generated for the OpenAPI path `template` (such as `/books/{bookId}`). {@link KNOWN_ID} in a
 * path parameter becomes `known(name)`, and in a JSON body `known('body')`. A value that starts with `%` keeps its
 * percent signs as they are, a broken percent-encoding that the API must answer; everything else in a value is
 * encoded (`/`, `?` and spaces too), so that it stays one path segment, and a lone surrogate becomes U+FFFD. A JSON
 * body goes as JSON text, so that a number or a boolean is sent as the body it is; a raw body keeps its own headers.
 */
export function toWire(
  template: string,
  generated: FuzzRequest,
  known: (name: string) => string,
): WireRequest {
  const path = template.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const raw = generated.params[name] ?? '';
    if (raw === KNOWN_ID) return known(name);
    // A lone surrogate has no UTF-8 form; a client's URL encoder sends U+FFFD for it, as URLSearchParams does.
    const value = raw.replace(/\p{Surrogate}/gu, '\ufffd');
    if (value.startsWith('%')) return value.replace(/[^%]+/g, (text) => encodeURIComponent(text));
    return encodeURIComponent(value || 'x');
  });
  const query = new URLSearchParams(generated.query).toString();
  const url = `${path}${query ? `?${query}` : ''}`;
  const body = generated.body;
  if (body?.kind === 'raw') return { path: url, headers: body.headers, body: body.text };
  const json = body === undefined ? undefined : JSON.stringify(body.value);
  if (json === undefined) return { path: url, headers: {} };
  return {
    path: url,
    headers: { 'Content-Type': 'application/json' },
    body: json.includes(KNOWN_ID) ? json.replaceAll(KNOWN_ID, known('body')) : json,
  };
}

/** One operation to fuzz with {@link fuzzOperation}, and how to reach the API. */
export interface FuzzRun<Extra> {
  document: OpenApiDocument;
  /** The document's validator (responseValidator()), made once for every operation. */
  responses: ResponseValidator;
  /** The operation, as {@link operationsOf} lists it. */
  method: string;
  path: string;
  operation: FuzzOperation;
  /** The id that {@link KNOWN_ID} becomes in the `index`-th request: for a path parameter `name`, or `'body'`. */
  known(name: string, index: number): string;
  /** Sends one request to `url` (the wire path under the document's server URL); `extra` is drawn with it. */
  send(method: string, url: string, wire: WireRequest, extra: Extra): Promise<ResponseLike>;
  /** Something more to draw for every request, such as the credentials it goes with. */
  extras?: fc.Arbitrary<Extra>;
  options?: FuzzOptions;
  /** How many requests, unless FUZZ_RUNS says otherwise. */
  runs: number;
}

/**
 * Sends `runs` generated requests to one operation ({@link requestsFor}) and fails unless every answer is one that
 * the document describes for it (a listed status, a body of the documented schema) and none is a 5xx. On a failure,
 * fast-check prints the seed and the smallest request it found; FUZZ_SEED=<seed> replays the same run.
 */
export async function fuzzOperation<Extra = undefined>(run: FuzzRun<Extra>): Promise<void> {
  const { method, path, responses } = run;
  // The document's paths are mounted under its server URL, as responseValidator() reads it.
  const basePath = run.document.servers?.[0]?.url.replace(/\/$/, '') ?? '';
  const extras = run.extras ?? fc.constant(undefined as Extra);
  let index = 0;
  await fc.assert(
    fc.asyncProperty(
      requestsFor(run.document, run.operation, run.options),
      extras,
      async (generated, extra) => {
        const i = index++;
        const wire = toWire(path, generated, (name) => run.known(name, i));
        const url = `${basePath}${wire.path}`;
        const res = await run.send(method, url, wire, extra);
        const operation = `${method} ${path}`;
        expect({ operation, status: res.status, problems: responses.problems(method, url, res) }).toEqual({
          operation,
          status: expect.any(Number),
          problems: [],
        });
        expect(res.status).toBeLessThan(500);
      },
    ),
    fuzzSettings(run.runs),
  );
}

/** What {@link fuzzEveryOperation} needs besides the operations: a {@link FuzzRun} without its operation. */
export type FuzzApi<Extra> = Omit<FuzzRun<Extra>, 'method' | 'path' | 'operation'>;

/**
 * Registers an API's fuzz tests: one that the served document has exactly `operations` (`'get /books/{bookId}'`),
 * so that no new operation goes unfuzzed, and one per operation that runs {@link fuzzOperation} on it. `api()` is
 * called inside each test, once the document has been fetched.
 */
export function fuzzEveryOperation<Extra = undefined>(
  operations: readonly string[],
  api: () => FuzzApi<Extra>,
  timeoutMs = 30_000,
): void {
  it('When the document is read, then it has exactly the operations fuzzed here', () => {
    const documented = operationsOf(api().document).map(({ method, path }) => `${method} ${path}`);
    expect(documented.sort()).toEqual([...operations].sort());
  });

  it.each([...operations])(
    'When %s gets generated requests, valid and invalid, then every answer is documented, never a 5xx',
    async (name) => {
      const settings = api();
      const found = operationsOf(settings.document).find((o) => `${o.method} ${o.path}` === name);
      if (!found) throw new Error(`${name} is not an operation of the served document`);
      await fuzzOperation({ ...settings, ...found });
    },
    timeoutMs,
  );
}
