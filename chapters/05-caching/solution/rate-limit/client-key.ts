import type { Request } from 'express';

/**
 * Who a request counts against: the user, when the request proves one (`userIdOf` verifies the credentials and
 * returns undefined for none or for invalid ones), otherwise the client's address. An invalid token counts as no
 * token, or a client could get a fresh quota with every token it makes up. `req.ip` is only the real address when
 * `trust proxy` names exactly the proxies in front of the app.
 */
export function clientKey(userIdOf: (req: Request) => string | undefined): (req: Request) => string {
  return (req) => {
    const userId = userIdOf(req);
    return userId === undefined ? `ip:${req.ip ?? 'unknown'}` : `user:${userId}`;
  };
}
