import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { Response } from 'supertest';

export interface SchemaObject {
  $ref?: string;
  type?: string;
  format?: string;
  nullable?: boolean;
  enum?: unknown[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  properties?: Record<string, SchemaObject>;
  required?: string[];
  additionalProperties?: boolean | SchemaObject;
  items?: SchemaObject;
}

export interface Parameter {
  in: 'query' | 'path' | 'header';
  name: string;
  required?: boolean;
  schema: SchemaObject;
}

export interface Operation {
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema: SchemaObject }> };
  responses: Record<string, { content?: Record<string, { schema: SchemaObject }> }>;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, SchemaObject> };
}

const REF_PREFIX = '#/components/schemas/';

/**
 * Checks responses against an OpenAPI 3.0 document with ajv: status documented for the operation, media type, and
 * body valid against the documented schema (OpenAPI's `nullable` and `format` included).
 */
export class ResponseValidator {
  private readonly ajv = new Ajv({ allErrors: true, strict: true });
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(readonly document: OpenApiDocument) {
    addFormats(this.ajv);
    this.ajv.addKeyword('example'); // an OpenAPI annotation, not a JSON Schema keyword
    for (const [name, schema] of Object.entries(document.components.schemas)) {
      this.ajv.addSchema(this.localRefs(schema), name);
    }
  }

  /** `#/components/schemas/Book` becomes `Book`, the id each component schema is registered under. */
  private localRefs(schema: SchemaObject): SchemaObject {
    return JSON.parse(JSON.stringify(schema).replaceAll(`"${REF_PREFIX}`, '"')) as SchemaObject;
  }

  resolve(schema: SchemaObject): SchemaObject {
    return schema.$ref
      ? this.resolve(this.document.components.schemas[schema.$ref.slice(REF_PREFIX.length)]!)
      : schema;
  }

  /** Every way `value` breaks `schema`, as ajv words them; empty when it is valid. */
  schemaErrors(value: unknown, schema: SchemaObject): string[] {
    const key = JSON.stringify(schema);
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(this.localRefs(schema));
      this.compiled.set(key, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).map((e) => `${e.instancePath || '(body)'} ${e.message ?? ''}`.trim());
  }

  /** What is wrong with `res` as an answer to `method path`; empty when the document describes it. */
  responseErrors(path: string, method: string, res: Response): string[] {
    const operation = this.document.paths[path]?.[method];
    if (!operation) return [`${method.toUpperCase()} ${path} is not a documented operation`];
    const documented = operation.responses[String(res.status)];
    if (!documented) {
      const statuses = Object.keys(operation.responses).join(', ');
      return [
        `status ${res.status} is not documented for ${method.toUpperCase()} ${path} (only ${statuses})`,
      ];
    }
    const content = documented.content;
    if (!content) return res.text === '' ? [] : [`status ${res.status} has a body, but none is documented`];
    const [mediaType, { schema }] = Object.entries(content)[0]!;
    const contentType = String(res.headers['content-type'] ?? '');
    if (!contentType.startsWith(mediaType)) {
      return [`Content-Type is "${contentType}", but the document says ${mediaType}`];
    }
    return this.schemaErrors(res.body, schema);
  }
}
