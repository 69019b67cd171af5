import { Body, Controller, Path, Put, Request, Response, Route, Security, Tags } from '@tsoa/runtime';
import type { Request as ExpressRequest } from 'express';
import { currentUser } from '../auth/current-user';
import { PROBLEM_JSON, type ProblemDetails } from '../errors/problem';
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
    return this.users.setRoles(currentUser(request), userId, body.roles);
  }
}
