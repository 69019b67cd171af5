import { AppError, validationError } from '@course/platform/errors';
import type { ProfileRepository } from './profile.repository';
import type { Profile, ProfileRecord } from './profile.types';

export function toProfileView({ username, bio, image, following }: ProfileRecord): Profile {
  return { username, bio, image, following };
}

/** Profiles, and following and unfollowing their owners. */
export class ProfileService {
  constructor(private readonly profiles: ProfileRepository) {}

  async get(username: string, viewerId?: number): Promise<Profile> {
    return toProfileView(await this.find(username, viewerId));
  }

  async follow(username: string, viewerId: number): Promise<Profile> {
    const profile = await this.find(username, viewerId);
    if (profile.id === viewerId) throw validationError('profile', 'cannot follow yourself');
    // Following twice, even at once, leaves one row: the primary key of follows decides.
    if (!(await this.profiles.follow(viewerId, profile.id)))
      throw new AppError({ code: 'PROFILE_NOT_FOUND' });
    return toProfileView({ ...profile, following: true });
  }

  async unfollow(username: string, viewerId: number): Promise<Profile> {
    const profile = await this.find(username, viewerId);
    await this.profiles.unfollow(viewerId, profile.id);
    return toProfileView({ ...profile, following: false });
  }

  private async find(username: string, viewerId?: number): Promise<ProfileRecord> {
    const profile = await this.profiles.findByUsername(username, viewerId);
    if (!profile) throw new AppError({ code: 'PROFILE_NOT_FOUND' });
    return profile;
  }
}
