/** The parts of an OpenAPI document that the library reads itself. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}
