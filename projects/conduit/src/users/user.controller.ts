import type { Request as ExpressRequest } from 'express';
import {
  Body,
  Controller,
  Get,
  Post,
  Put,
  Request,
  Response,
  Route,
  Security,
  SuccessResponse,
  Tags,
} from '@tsoa/runtime';
import { viewerOf } from '../auth/viewer';
import type { SpecErrors } from '../errors/spec-errors';
import type { AuthenticatedUser, UserService } from './user.service';

interface LoginBody {
  /** @maxLength 254 */
  email: string;
  /** @maxLength 256 */
  password: string;
}

interface NewUserBody extends LoginBody {
  /** @minLength 1 @maxLength 64 */
  username: string;
}

interface UpdateUserBody {
  /** @minLength 1 @maxLength 64 */
  username?: string;
  /** @minLength 1 @maxLength 254 */
  email?: string;
  /** @maxLength 256 */
  password?: string;
  /** Empty or null clears it. @maxLength 2000 */
  bio?: string | null;
  /** An http(s) URL; empty or null clears it. @maxLength 2048 */
  image?: string | null;
}

interface UserView {
  email: string;
  /** The access token to send as `Authorization: Token <token>`. */
  token: string;
  username: string;
  bio: string | null;
  image: string | null;
}

interface UserResponse {
  user: UserView;
}

function toResponse({ user, token }: AuthenticatedUser): UserResponse {
  return { user: { email: user.email, token, username: user.username, bio: user.bio, image: user.image } };
}

@Route('')
@Tags('User and Authentication')
export class UserController extends Controller {
  constructor(private readonly users: UserService) {
    super();
  }

  /** Registers a new user and returns them with a token. */
  @Post('users')
  @SuccessResponse(201, 'Created')
  @Response<SpecErrors>(409, 'Username or email already taken')
  @Response<SpecErrors>(422, 'Invalid fields')
  @Response<SpecErrors>(429, 'Too many attempts')
  async register(@Body() body: { user: NewUserBody }): Promise<UserResponse> {
    const result = await this.users.register(body.user);
    this.setStatus(201);
    return toResponse(result);
  }

  /** Logs in with email and password. */
  @Post('users/login')
  @Response<SpecErrors>(401, 'Wrong email or password')
  @Response<SpecErrors>(422, 'Invalid fields')
  @Response<SpecErrors>(429, 'Too many attempts')
  async login(@Body() body: { user: LoginBody }): Promise<UserResponse> {
    return toResponse(await this.users.login(body.user));
  }

  /** The logged-in user, with a fresh token. */
  @Get('user')
  @Security('Token')
  @Response<SpecErrors>(401, 'Missing or invalid token')
  async current(@Request() request: ExpressRequest): Promise<UserResponse> {
    return toResponse(await this.users.current(viewerOf(request).id));
  }

  /** Updates the logged-in user; fields left out stay as they are. */
  @Put('user')
  @Security('Token')
  @Response<SpecErrors>(401, 'Missing or invalid token')
  @Response<SpecErrors>(409, 'Username or email already taken')
  @Response<SpecErrors>(422, 'Invalid fields')
  async update(
    @Request() request: ExpressRequest,
    @Body() body: { user: UpdateUserBody },
  ): Promise<UserResponse> {
    return toResponse(await this.users.update(viewerOf(request).id, body.user));
  }
}
