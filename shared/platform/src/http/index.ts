export { buildApp, type BuildAppOptions } from './app';
export { docsRouter } from './docs.router';
export {
  hasBody,
  JSON_TYPES,
  jsonBody,
  rejectNulCharacters,
  rejectShadowingKeys,
  type JsonBodyOptions,
} from './json-body.middleware';
export { documentedOnly, notFound } from './not-found.middleware';
export { sendRepresentation } from './representation';
export type { OpenApiDocument } from './openapi';
export { corsPolicy, securityHeaders, type SecurityHeadersOptions } from './security.middleware';
