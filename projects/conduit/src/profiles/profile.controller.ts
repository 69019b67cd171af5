import type { Request as ExpressRequest } from 'express';
import { Controller, Delete, Get, Path, Post, Request, Response, Route, Security, Tags } from '@tsoa/runtime';
import { optionalViewer, viewerOf } from '../auth/viewer';
import type { SpecErrors } from '../errors/spec-errors';
import type { ProfileService } from './profile.service';
import type { Profile } from './profile.types';

interface ProfileResponse {
  profile: Profile;
}

@Route('profiles/{username}')
@Tags('Profile')
@Response<SpecErrors>(404, 'No such user')
export class ProfileController extends Controller {
  constructor(private readonly profiles: ProfileService) {
    super();
  }

  /** A user's profile; with a token, whether you follow them. */
  @Get()
  @Response<SpecErrors>(401, 'Invalid token')
  async get(@Path() username: string, @Request() request: ExpressRequest): Promise<ProfileResponse> {
    return { profile: await this.profiles.get(username, (await optionalViewer(request))?.id) };
  }

  /** Follows a user; following them again changes nothing. */
  @Post('follow')
  @Security('Token')
  @Response<SpecErrors>(401, 'Missing or invalid token')
  @Response<SpecErrors>(422, 'You cannot follow yourself')
  async follow(@Path() username: string, @Request() request: ExpressRequest): Promise<ProfileResponse> {
    return { profile: await this.profiles.follow(username, viewerOf(request).id) };
  }

  /** Unfollows a user; unfollowing someone you do not follow changes nothing. */
  @Delete('follow')
  @Security('Token')
  @Response<SpecErrors>(401, 'Missing or invalid token')
  async unfollow(@Path() username: string, @Request() request: ExpressRequest): Promise<ProfileResponse> {
    return { profile: await this.profiles.unfollow(username, viewerOf(request).id) };
  }
}
