/** A user as others see them: no email, and whether the viewer follows them. */
export interface Profile {
  username: string;
  bio: string | null;
  image: string | null;
  following: boolean;
}

/** A profile with the id that follows and favourites refer to; the id is never shown. */
export interface ProfileRecord extends Profile {
  id: number;
}
