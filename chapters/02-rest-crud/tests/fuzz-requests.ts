import fc from 'fast-check';
import type { Operation, ResponseValidator, SchemaObject } from './openapi-validator';
import { nextIsbn } from './support';

/** One generated request, before the ids that only exist at run time are filled in. */
export interface FuzzRequest {
  /** Path parameters; KNOWN_ID is replaced by an id the API has handed out. */
  params: Record<string, string>;
  query: Record<string, string>;
  body?: { kind: 'json'; value: unknown } | { kind: 'raw'; text: string; headers: Record<string, string> };
}

/** Stands for an id that exists: the test swaps it for one of the ids the API has answered with. */
export const KNOWN_ID = '<known id>';

/** A value that the schema accepts: within its bounds, matching its pattern, with its required properties. */
export function validValue(schema: SchemaObject, validator: ResponseValidator): fc.Arbitrary<unknown> {
  const s = validator.resolve(schema);
  let base: fc.Arbitrary<unknown>;
  if (s.enum) base = fc.constantFrom(...s.enum);
  else if (s.type === 'string') {
    const maxLength = Math.min(s.maxLength ?? 40, 40);
    base = s.pattern
      ? fc.stringMatching(new RegExp(s.pattern), { maxLength }).filter((v) => v.length >= (s.minLength ?? 0))
      : fc.string({ minLength: s.minLength ?? 0, maxLength, unit: 'grapheme' });
  } else if (s.type === 'integer') {
    base = fc.integer({ min: s.minimum ?? -(2 ** 31), max: s.maximum ?? 2 ** 31 - 1 });
  } else if (s.type === 'number') base = fc.double({ noNaN: true, noDefaultInfinity: true });
  else if (s.type === 'boolean') base = fc.boolean();
  else if (s.type === 'array') base = fc.array(validValue(s.items ?? {}, validator), { maxLength: 3 });
  else if (s.type === 'object') {
    const properties = Object.fromEntries(
      Object.entries(s.properties ?? {}).map(([name, property]) => [name, validValue(property, validator)]),
    );
    base = fc.record(properties, { requiredKeys: s.required ?? [] });
  } else base = fc.jsonValue();
  return s.nullable ? fc.oneof(base, fc.constant(null)) : base;
}

/** Strings that break rules: NUL and control characters, huge, empty, numbers in odd forms, broken encodings. */
const nastyString = fc.oneof(
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
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ maxLength: 5 }).map((s) => s.repeat(500)),
);

/** A value of the wrong kind for `schema`, or a nasty one of the right kind. */
function invalidValue(schema: SchemaObject, validator: ResponseValidator): fc.Arbitrary<unknown> {
  const s = validator.resolve(schema);
  const wrongKind = fc.oneof(fc.jsonValue(), nastyString);
  if (s.type === 'integer') {
    return fc.oneof(wrongKind, fc.double(), fc.constantFrom(2 ** 31, -(2 ** 31) - 1, 1e23, -1e23, 1.5));
  }
  return wrongKind;
}

/** A body for the operation: valid, with one field spoiled, one required field dropped, or an unknown one added. */
function jsonBody(schema: SchemaObject, validator: ResponseValidator): fc.Arbitrary<unknown> {
  const s = validator.resolve(schema);
  const valid = validValue(s, validator).map((value) => {
    // Real ids and fresh ISBNs, so that valid bodies get past the rules the schema cannot state.
    const record = value as Record<string, unknown>;
    if ('authorId' in record) record.authorId = KNOWN_ID;
    if ('isbn' in record) record.isbn = nextIsbn();
    return record;
  });
  const names = Object.keys(s.properties ?? {});
  if (names.length === 0) return valid;
  const spoiled = fc
    .tuple(valid, fc.constantFrom(...names))
    .chain(([body, name]) =>
      invalidValue(s.properties![name]!, validator).map((bad) => ({ ...(body as object), [name]: bad })),
    );
  const dropped = fc.tuple(valid, fc.constantFrom(...names)).map(([body, name]) => {
    const copy = { ...(body as Record<string, unknown>) };
    delete copy[name];
    return copy;
  });
  // JSON.parse makes "__proto__" an own property, as it arrives from a client, not the object's prototype.
  const pollution = JSON.parse('{"__proto__": {"polluted": true}}') as object;
  const extra = valid.map((body) => ({ ...(body as object), role: 'admin', ...pollution }));
  return fc.oneof({ arbitrary: valid, weight: 5 }, spoiled, dropped, extra, fc.jsonValue());
}

/** A body that is not what the operation reads: not JSON, not labelled JSON, or claiming a compression it lacks. */
const rawBody = fc.record({
  text: fc.oneof(fc.constantFrom('{', '{"a":', '[]', 'null', '"x"', '{"a":1}'), fc.string({ maxLength: 40 })),
  headers: fc.constantFrom<Record<string, string>>(
    { 'Content-Type': 'application/json' },
    { 'Content-Type': 'text/plain' },
    { 'Content-Type': 'application/json; charset=latin1' },
    { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
    { 'Content-Type': 'application/json', 'Content-Encoding': 'x-unknown' },
    {},
  ),
});

/** Requests to `operation`: valid ones, and every kind of invalid one, in one stream. */
export function requestsFor(operation: Operation, validator: ResponseValidator): fc.Arbitrary<FuzzRequest> {
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
  const validQuery = (schema: SchemaObject) => validValue(schema, validator).map(String);
  const query = fc.oneof(
    // Which fields sort accepts, only the description says, so valid queries leave sort out.
    {
      arbitrary: queryOf(
        validQuery,
        queryParameters.filter((p) => p.name !== 'sort'),
      ),
      weight: 2,
    },
    queryOf((schema) => fc.oneof({ arbitrary: validQuery(schema), weight: 2 }, nastyString)),
  );
  const schema = operation.requestBody?.content['application/json']?.schema;
  const body = schema
    ? fc.oneof(
        {
          arbitrary: jsonBody(schema, validator).map((value) => ({ kind: 'json' as const, value })),
          weight: 4,
        },
        rawBody.map((raw) => ({ kind: 'raw' as const, ...raw })),
      )
    : fc.constant(undefined);
  return fc.record({ params, query, body }, { requiredKeys: ['params', 'query'] });
}
