import type { Response } from 'express';
import type { JsonRepresentation } from '../cache/representation';

/**
 * Answers 200 with a JSON body serialised earlier (a cached representation), as it is. Express still answers a
 * matching If-None-Match with 304, and HEAD without the body. A tsoa controller that calls this has answered: tsoa
 * sends nothing once the headers have gone, so the method returns undefined, which the OpenAPI document ignores.
 */
export function sendRepresentation(response: Response, representation: JsonRepresentation): undefined {
  response.status(200);
  response.set('Content-Type', 'application/json; charset=utf-8');
  response.set('ETag', representation.etag);
  response.send(representation.body);
  return undefined;
}
