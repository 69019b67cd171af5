import { HttpError } from '../http/http.error';
import type { NoteInput } from './notes.store';

const MAX_TITLE = 200;
const MAX_BODY = 10_000;
const FIELDS = new Set(['title', 'body']);

/**
 * A note from a parsed JSON body. Valid JSON that is not a valid note is 422 (RFC 9110 §15.5.21);
 * JSON that does not parse was already a 400.
 */
export function parseNoteInput(value: unknown): NoteInput {
  // #exercise 1.7
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid('a note must be a JSON object');
  }
  const fields = value as Record<string, unknown>;
  const unknown = Object.keys(fields).find((key) => !FIELDS.has(key));
  if (unknown !== undefined) throw invalid(`unknown field "${unknown}"`);
  const { title, body = '' } = fields;
  if (typeof title !== 'string' || title.trim() === '' || title.length > MAX_TITLE) {
    throw invalid(`title must be a non-empty string of at most ${MAX_TITLE} characters`);
  }
  if (typeof body !== 'string' || body.length > MAX_BODY) {
    throw invalid(`body must be a string of at most ${MAX_BODY} characters`);
  }
  return { title, body };
  // #end
}

function invalid(message: string): HttpError {
  return new HttpError({ status: 422, message });
}
