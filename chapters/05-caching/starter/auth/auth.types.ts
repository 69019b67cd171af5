export interface RegisterInput {
  /**
   * Your email address; it is your login name. Letter case does not matter.
   * @pattern ^[^\s@]+@[^\s@]+\.[^\s@]+$
   * @maxLength 254
   * @example "ada@bookstore.example"
   */
  email: string;
  /**
   * 12 to 128 characters, and not your email address. Any characters are welcome; a long phrase is best.
   * @example "correct horse battery staple"
   */
  password: string;
}

export interface LoginInput {
  /**
   * @maxLength 254
   * @example "ada@bookstore.example"
   */
  email: string;
  /**
   * @maxLength 1024
   * @example "correct horse battery staple"
   */
  password: string;
}

export interface RefreshInput {
  /** The refresh token of the last login or refresh. */
  refreshToken: string;
}

/** The same answer for every registration, whether or not the address already had an account. */
export interface RegistrationReceipt {
  message: string;
}

export interface TokenPair {
  tokenType: 'Bearer';
  /** A JWT to send as `Authorization: Bearer <accessToken>`. */
  accessToken: string;
  /**
   * Seconds until the access token expires.
   * @isInt
   */
  expiresIn: number;
  /** An opaque token that POST /auth/refresh trades for a new pair, once. Keep it secret. */
  refreshToken: string;
}
