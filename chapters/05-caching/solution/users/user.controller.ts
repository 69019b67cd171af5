import { Body, Controller, Path, Put, Request, Response, Route, Security, Tags } from '@tsoa/runtime';
import type { Request as ExpressRequest } from 'express';
import { PROBLEM_JSON, type ProblemDetails } from '@course/platform/errors';
import { currentUser } from '../auth/current-user';
import { parseUuid } from '../database';
import { userNotFound } from './user.errors';
import type { UserService } from './user.service';
import type { RolesInput, User } from './user.types';

@Route('users')
@Tags('Users')
export class UserController extends Controller {
  constructor(private readonly users: UserService) {
    super();
  }

  /** Replaces a user's roles. Needs `users:manage`; nobody can change their own roles. */
  @Put('{userId}/roles')
  @Security('bearer', ['users:manage'])
  @Response<ProblemDetails>(400, 'Malformed JSON', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(401, 'Authentication required', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(403, 'Permission denied, or the user is you', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(404, 'User not found', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(413, 'Payload too large', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(415, 'Unsupported media type', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(422, 'Validation failed', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(500, 'Internal Server Error', undefined, PROBLEM_JSON)
  public async setUserRoles(
    @Request() request: ExpressRequest,
    @Path() userId: string,
    @Body() body: RolesInput,
  ): Promise<User> {
    // Parsed once, here at the edge: the same UUID in upper case names the same row, so every comparison below
    // must see the one spelling that the database uses.
    const id = parseUuid(userId);
    if (id === undefined) throw userNotFound(userId);
    return this.users.setRoles(currentUser(request), id, body.roles);
  }
}
