import type { Request } from 'express';

/**
 * Who a request counts against: `user:<id>` when `userIdOf` finds a verified user (it returns undefined for no
 * credentials and for invalid ones, so made-up tokens don't buy fresh quotas), otherwise `ip:<req.ip>`. Set
 * `trust proxy` to the exact number of proxies in front of the app, or `req.ip` is whatever the client claims.
 */
export function clientKey(userIdOf: (req: Request) => string | undefined): (req: Request) => string {
  return (req) => {
    const userId = userIdOf(req);
    return userId === undefined ? `ip:${req.ip ?? 'unknown'}` : `user:${userId}`;
  };
}
