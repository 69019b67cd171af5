import { AppError, defineErrorCodes } from '@course/platform/errors';

declare module '@course/platform/errors' {
  interface ErrorCodes {
    OWN_ROLES_LOCKED: true;
    USER_NOT_FOUND: true;
  }
}
defineErrorCodes({
  OWN_ROLES_LOCKED: { status: 403, title: 'You cannot change your own roles' },
  USER_NOT_FOUND: { status: 404, title: 'User not found' },
});

export function ownRolesLocked(): AppError {
  return new AppError({
    code: 'OWN_ROLES_LOCKED',
    message: 'Another administrator has to change your roles.',
  });
}

export function userNotFound(id: string): AppError {
  return new AppError({ code: 'USER_NOT_FOUND', message: `No user has id ${id}.` });
}
