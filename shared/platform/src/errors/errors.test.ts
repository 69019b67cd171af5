import { ValidateError } from '@tsoa/runtime';
import { AppError, defineErrorCodes, problemType, toAppError, validationError } from '.';

declare module './error-codes' {
  interface ErrorCodes {
    SHELF_FULL: true;
  }
}

describe('error codes', () => {
  it('When a chapter registers a code, then an AppError with it takes the status and title from the registry', () => {
    defineErrorCodes({ SHELF_FULL: { status: 409, title: 'The shelf is full' } });
    const error = new AppError({ code: 'SHELF_FULL' });
    expect({ status: error.status, message: error.message, expose: error.expose }).toEqual({
      status: 409,
      message: 'The shelf is full',
      expose: true,
    });
  });

  it('When a code is registered again with another meaning, then that throws', () => {
    defineErrorCodes({ SHELF_FULL: { status: 409, title: 'The shelf is full' } });
    expect(() => defineErrorCodes({ SHELF_FULL: { status: 400, title: 'The shelf is full' } })).toThrow(
      /already registered/,
    );
  });

  it('When a code is not an error status or not UPPER_SNAKE_CASE, then registering it throws', () => {
    expect(() => defineErrorCodes({ FINE: { status: 200, title: 'Fine' } })).toThrow(/400 to 599/);
    expect(() => defineErrorCodes({ 'not-a-code': { status: 400, title: 'x' } })).toThrow(/UPPER_SNAKE_CASE/);
  });

  it('When a code was never registered at run time, then making an AppError with it throws', () => {
    expect(() => new AppError({ code: 'NEVER_REGISTERED' as 'INTERNAL' })).toThrow(/not registered/);
  });

  it('When a 5xx is made, then its message is not exposed by default', () => {
    expect(new AppError({ code: 'INTERNAL', message: 'db down' }).expose).toBe(false);
  });

  it('When the problem type is built, then it is the base and the code in kebab case, with or without a slash', () => {
    expect(problemType('https://x.example/problems/', 'MALFORMED_JSON')).toBe(
      'https://x.example/problems/malformed-json',
    );
    expect(problemType('https://x.example/problems', 'MALFORMED_JSON')).toBe(
      'https://x.example/problems/malformed-json',
    );
  });

  it('When validationError() is made, then it is a 422 that names the field', () => {
    expect(validationError('body.isbn', 'bad check digit')).toMatchObject({
      status: 422,
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'body.isbn', message: 'bad check digit' }],
    });
  });
});

describe('toAppError()', () => {
  const codeOf = (error: unknown) => {
    const { status, code } = toAppError(error);
    return { status, code };
  };

  it("When tsoa's ValidateError is thrown, then it becomes 422 with one field error per field", () => {
    const error = toAppError(new ValidateError({ 'query.limit': { message: 'max 100', value: 1000 } }, ''));
    expect(error).toMatchObject({ status: 422, errors: [{ field: 'query.limit', message: 'max 100' }] });
  });

  it('When an error that only looks like ValidateError comes from another copy of tsoa, then it is still a 422', () => {
    const lookalike = Object.assign(new Error('x'), {
      name: 'ValidateError',
      fields: { 'body.a': { message: 'm' } },
    });
    expect(codeOf(lookalike)).toEqual({ status: 422, code: 'VALIDATION_FAILED' });
  });

  it.each([
    ['22021', 'a NUL character'],
    ['22P05', 'an untranslatable character'],
    ['22003', 'a number out of range'],
    ['22P02', 'text that is no number'],
  ])(
    'When PostgreSQL refuses a value with SQLSTATE %s (%s), then it is 422, and its message is hidden',
    (code) => {
      const pgError = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), {
        code,
        severity: 'ERROR',
      });
      const error = toAppError(pgError);
      expect({ status: error.status, code: error.code }).toEqual({ status: 422, code: 'VALIDATION_FAILED' });
      expect(error.message).not.toMatch(/UTF8|0x00/);
    },
  );

  it('When PostgreSQL fails for another reason, then it is a 500', () => {
    const pgError = Object.assign(new Error('relation "books" does not exist'), {
      code: '42P01',
      severity: 'ERROR',
    });
    expect(codeOf(pgError)).toEqual({ status: 500, code: 'INTERNAL' });
  });

  it('When a value in the wrapped cause of a Prisma error was refused, then it is a 422 too', () => {
    const prismaLike = Object.assign(new Error('Invalid `prisma.book.create()` invocation'), {
      name: 'PrismaClientKnownRequestError',
      code: 'P2010',
      meta: { driverAdapterError: { cause: { originalCode: '22021', kind: 'postgres' } } },
    });
    expect(codeOf(prismaLike)).toEqual({ status: 422, code: 'VALIDATION_FAILED' });
  });

  it('When anything else is thrown, then it is a 500 INTERNAL that keeps the original as its cause', () => {
    const original = new TypeError('x is undefined');
    const error = toAppError(original);
    expect({ status: error.status, code: error.code, cause: error.cause }).toEqual({
      status: 500,
      code: 'INTERNAL',
      cause: original,
    });
    expect(codeOf('a string')).toEqual({ status: 500, code: 'INTERNAL' });
  });
});
