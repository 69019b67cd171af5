import type { ErrorRequestHandler } from 'express';
import { toAppError, type AppError, type ErrorCode } from '@course/platform/errors';
import type { Logger } from '@course/platform/logging';
import '@course/platform/auth';
import './conduit-errors';

/** The RealWorld spec's error body (GenericErrorModel): messages per field or resource. */
export interface SpecErrors {
  errors: Record<string, string[]>;
}

// What the RealWorld suite expects for each code: the key names the field or the resource, Rails style.
const SPEC_MESSAGES: Partial<Record<ErrorCode, [key: string, message: string]>> = {
  AUTH_REQUIRED: ['token', 'is missing'],
  AUTH_HEADER_MALFORMED: ['token', 'is invalid'],
  TOKEN_INVALID: ['token', 'is invalid'],
  TOKEN_EXPIRED: ['token', 'has expired'],
  CREDENTIALS_INVALID: ['credentials', 'invalid'],
  USERNAME_TAKEN: ['username', 'has already been taken'],
  EMAIL_TAKEN: ['email', 'has already been taken'],
  PROFILE_NOT_FOUND: ['profile', 'not found'],
  ARTICLE_NOT_FOUND: ['article', 'not found'],
  COMMENT_NOT_FOUND: ['comment', 'not found'],
  ARTICLE_FORBIDDEN: ['article', 'forbidden'],
  COMMENT_FORBIDDEN: ['comment', 'forbidden'],
  ROUTE_NOT_FOUND: ['route', 'not found'],
  MALFORMED_JSON: ['body', 'is not valid JSON'],
  PAYLOAD_TOO_LARGE: ['body', 'is too large'],
  UNSUPPORTED_MEDIA_TYPE: ['body', 'must be UTF-8 JSON (Content-Type: application/json)'],
  INTERNAL: ['server', 'could not complete the request'],
};

// The envelope of each request body (`{"user": {...}}`) says nothing to the client; the field inside it does.
const ENVELOPES = new Set(['user', 'article', 'comment']);

/** `body.user.email` → `email`, `body.article.tagList.$1` (or `[1]`) → `tagList`, `body.user` → `user`. */
export function fieldKey(field: string): string {
  const parts = field
    .replace(/\[\d*\]/g, '')
    .split('.')
    .filter((part) => part !== '' && !part.startsWith('$'));
  if (parts[0] === 'body' || parts[0] === 'query' || parts[0] === 'path') parts.shift();
  if (parts.length > 1 && ENVELOPES.has(parts[0] as string)) parts.shift();
  return parts[0] ?? 'body';
}

/** tsoa's validation messages, in the spec's words ("can't be blank", "is too short (minimum is 8 characters)"). */
export function fieldMessage(message: string): string {
  const min = /^minLength (\d+)/.exec(message);
  if (min) return min[1] === '1' ? "can't be blank" : `is too short (minimum is ${min[1]} characters)`;
  const max = /^maxLength (\d+)/.exec(message);
  if (max) return `is too long (maximum is ${max[1]} characters)`;
  if (/is required/.test(message)) return "can't be blank";
  if (/excess property/.test(message)) return 'is not a known field';
  if (/^(min|max)\w* /.test(message)) return `is out of range (${message})`;
  if (/^invalid|^Could not match|^not match/i.test(message)) return 'is invalid';
  return message;
}

/** One AppError in the spec's shape. Codes the spec does not name keep their own words under a general key. */
export function specErrors(error: AppError): SpecErrors {
  const errors: Record<string, string[]> = {};
  if (error.errors && error.errors.length > 0) {
    for (const { field, message } of error.errors) {
      // tsoa names the object that holds an unknown property, and the property only in its message.
      const excess = /^"([^"]+)" is an excess property/.exec(message)?.[1];
      const key = excess?.split(',')[0] ?? fieldKey(field);
      (errors[key] ??= []).push(fieldMessage(message));
    }
    return { errors };
  }
  const [key, message] = SPEC_MESSAGES[error.code] ?? ['request', error.expose ? error.message : 'failed'];
  return { errors: { [key]: [message] } };
}

/**
 * The one place where errors take the spec's shape: the library maps whatever was thrown (tsoa's validation,
 * body-parser, PostgreSQL refusing a value, our own AppErrors) to an AppError, and this answers it as
 * `{"errors": {...}}` instead of the course's default problem+json. It logs like the library's handler:
 * 4xx at info, 5xx at error with the stack.
 */
export function specErrorHandler(logger: Logger): ErrorRequestHandler {
  return (thrown, req, res, next) => {
    if (res.headersSent) return next(thrown);
    const error = toAppError(thrown);
    const context = { method: req.method, path: req.path, status: error.status, code: error.code };
    if (error.status >= 500) {
      const cause = error.cause ?? error;
      logger.error('request failed', {
        ...context,
        error: cause instanceof Error ? cause.stack : String(cause),
      });
    } else {
      logger.info('request rejected', context);
    }
    res.status(error.status).set(error.headers).json(specErrors(error));
  };
}
