import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/** The parts of an OpenAPI 3.0 document that response validation reads. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, unknown>>;
  servers?: { url: string }[];
  [key: string]: unknown;
}

/** The parts of an HTTP response that are validated; supertest's Response has them. */
export interface ResponseLike {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/** Checks responses against the document an API serves. */
export interface ResponseValidator {
  /** What is wrong with the response to `method path` (the path as requested, query allowed); empty when it matches. */
  problems(method: string, path: string, res: ResponseLike): string[];
  /** Fails the test, listing the problems, unless the response matches the document. */
  expectValid(method: string, path: string, res: ResponseLike): void;
  /** What is wrong with `value` as an instance of `schema`, a schema of the document (its `$ref`s resolved there). */
  valueProblems(value: unknown, schema: object): string[];
}

interface Operation {
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function pointer(...parts: string[]): string {
  return parts.map((part) => part.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
}

/**
 * A validator of responses against an OpenAPI 3.0 document, with ajv (OpenAPI's `nullable` included, formats through
 * ajv-formats): the status must be documented for the operation, the media type must be one the operation lists,
 * and the body must match its schema. The document's `$ref`s are resolved within the document itself.
 *
 * @example
 * const responses = responseValidator((await request(app).get('/openapi.json')).body);
 * const res = await request(app).get('/api/v1/books?limit=2');
 * responses.expectValid('GET', '/api/v1/books?limit=2', res);
 */
export function responseValidator(document: OpenApiDocument): ResponseValidator {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  ajv.addSchema(document as object, 'openapi');
  const basePath = document.servers?.[0]?.url.replace(/\/$/, '') ?? '';
  const routes = Object.entries(document.paths).map(([template, operations]) => ({
    template,
    operations,
    pattern: new RegExp(
      `^${escapeRegExp(basePath)}${template
        .split(/\{[^}/]+\}/)
        .map(escapeRegExp)
        .join('[^/]+')}$`,
    ),
  }));
  const compiled = new Map<string, ValidateFunction>();

  function problems(method: string, path: string, res: ResponseLike): string[] {
    const bare = path.split('?')[0]!;
    const route = routes.find(({ pattern }) => pattern.test(bare));
    if (!route) return [`${bare} is not a documented path`];
    const verb = method.toLowerCase();
    const operation = route.operations[verb] as Operation | undefined;
    if (!operation) return [`${method} ${route.template} is not a documented operation`];
    const statusKey = [String(res.status), `${String(res.status)[0]}XX`, 'default'].find(
      (key) => operation.responses?.[key] !== undefined,
    );
    if (!statusKey) return [`${method} ${route.template} does not document status ${res.status}`];
    const content = operation.responses![statusKey]!.content;
    if (!content)
      return res.body === undefined || res.body === '' || isEmpty(res.body)
        ? []
        : ['a body where the document has none'];
    const type = String(res.headers['content-type'] ?? '')
      .split(';')[0]!
      .trim();
    const mediaType =
      Object.keys(content).find((candidate) => candidate === type) ??
      (type === 'application/problem+json'
        ? Object.keys(content).find((c) => c === 'application/json')
        : undefined);
    if (!mediaType)
      return [
        `content type "${type}" is not documented for ${res.status} (${Object.keys(content).join(', ')})`,
      ];
    if (content[mediaType]!.schema === undefined) return [];
    const ref = `openapi#/${pointer('paths', route.template, verb, 'responses', statusKey, 'content', mediaType, 'schema')}`;
    let validate = compiled.get(ref);
    if (!validate) {
      validate = ajv.compile({ $ref: ref });
      compiled.set(ref, validate);
    }
    if (validate(res.body)) return [];
    return (validate.errors ?? []).map(
      (error) => `body${error.instancePath} ${error.message ?? 'is invalid'}`,
    );
  }

  function valueProblems(value: unknown, schema: object): string[] {
    // The schema's own references point into the document, which ajv knows as `openapi`.
    const key = JSON.stringify(schema).replaceAll('"$ref":"#/', '"$ref":"openapi#/');
    let validate = compiled.get(key);
    if (!validate) {
      validate = ajv.compile(JSON.parse(key) as object);
      compiled.set(key, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).map(
      (error) => `value${error.instancePath} ${error.message ?? 'is invalid'}`,
    );
  }

  return {
    problems,
    valueProblems,
    expectValid(method, path, res) {
      expect({
        response: `${method} ${path} → ${res.status}`,
        problems: problems(method, path, res),
      }).toEqual({
        response: `${method} ${path} → ${res.status}`,
        problems: [],
      });
    },
  };
}

function isEmpty(body: unknown): boolean {
  return typeof body === 'object' && body !== null && Object.keys(body).length === 0;
}
