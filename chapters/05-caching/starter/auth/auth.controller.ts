import {
  Body,
  Controller,
  Get,
  Post,
  Request,
  Response,
  Route,
  Security,
  SuccessResponse,
  Tags,
} from '@tsoa/runtime';
import type { Request as ExpressRequest } from 'express';
import { PROBLEM_JSON, type ProblemDetails } from '@course/platform/errors';
import type { User } from '../users/user.types';
import type { AuthService } from './auth.service';
import type { LoginInput, RefreshInput, RegisterInput, RegistrationReceipt, TokenPair } from './auth.types';
import { currentUser } from './current-user';

export const REGISTRATION_RECEIPT: RegistrationReceipt = {
  message: 'If this address had no account, it has one now: log in to continue.',
};

@Route('auth')
@Tags('Auth')
export class AuthController extends Controller {
  constructor(private readonly auth: AuthService) {
    super();
  }

  /**
   * Creates an account with the reader role. The answer is the same 202 whether or not the address already had an
   * account, so that nobody can use this to find out who has one.
   */
  @Post('register')
  @SuccessResponse(202, 'Accepted')
  @Response<ProblemDetails>(400, 'Malformed JSON', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(413, 'Payload too large', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(415, 'Unsupported media type', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(
    422,
    'Validation failed, or the password breaks the policy',
    undefined,
    PROBLEM_JSON,
  )
  @Response<ProblemDetails>(500, 'Internal Server Error', undefined, PROBLEM_JSON)
  public async register(@Body() body: RegisterInput): Promise<RegistrationReceipt> {
    await this.auth.register(body);
    return REGISTRATION_RECEIPT;
  }

  /** Starts a session. Too many failures for one account, or from one address, are answered with 429 for a while. */
  @Post('login')
  @Response<ProblemDetails>(400, 'Malformed JSON', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(401, 'Invalid email or password', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(413, 'Payload too large', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(415, 'Unsupported media type', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(422, 'Validation failed', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(429, 'Too many failed logins; see Retry-After', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(500, 'Internal Server Error', undefined, PROBLEM_JSON)
  public async login(@Request() request: ExpressRequest, @Body() body: LoginInput): Promise<TokenPair> {
    // Tokens must not be kept by caches (RFC 6749 §5.1).
    this.setHeader('Cache-Control', 'no-store');
    return this.auth.login(body, request.ip ?? 'unknown');
  }

  /** Trades a refresh token for a new pair. Each refresh token works once; reusing one ends its session. */
  @Post('refresh')
  @Response<ProblemDetails>(400, 'Malformed JSON', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(401, 'Invalid refresh token', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(413, 'Payload too large', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(415, 'Unsupported media type', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(422, 'Validation failed', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(500, 'Internal Server Error', undefined, PROBLEM_JSON)
  public async refresh(@Body() body: RefreshInput): Promise<TokenPair> {
    this.setHeader('Cache-Control', 'no-store');
    return this.auth.refresh(body.refreshToken);
  }

  /** Ends the session of a refresh token. Access tokens already issued work until they expire. */
  @Post('logout')
  @SuccessResponse(204, 'Logged out')
  @Response<ProblemDetails>(400, 'Malformed JSON', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(413, 'Payload too large', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(415, 'Unsupported media type', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(422, 'Validation failed', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(500, 'Internal Server Error', undefined, PROBLEM_JSON)
  public async logout(@Body() body: RefreshInput): Promise<void> {
    await this.auth.logout(body.refreshToken);
  }

  /** The user behind the access token, with their roles and permissions. */
  @Get('me')
  @Security('bearer')
  @Response<ProblemDetails>(401, 'Authentication required', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(500, 'Internal Server Error', undefined, PROBLEM_JSON)
  public async me(@Request() request: ExpressRequest): Promise<User> {
    // Personal data behind a token: no cache, shared or private, may keep it (RFC 9111 §5.2.2.5).
    this.setHeader('Cache-Control', 'no-store');
    return currentUser(request);
  }
}
