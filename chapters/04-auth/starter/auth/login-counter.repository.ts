import type { PrismaClient } from '../generated/prisma/client';

/** What reserve() answers: whether the attempt may go ahead, and when the key's current window began. */
export interface Reservation {
  granted: boolean;
  windowStart: Date;
}

/**
 * Counters of login attempts that may have failed, one per key: an account (`account:<email>`) or a client address
 * (`ip:<address>`). A key's window begins with the first attempt it counts and lasts `windowSeconds`.
 */
export interface LoginCounterRepository {
  /**
   * Counts one more attempt against `key`, unless `max` are already counted in its current window, in one atomic
   * statement: of any number of concurrent calls, at most `max` are granted per window.
   */
  reserve(key: string, max: number, windowSeconds: number): Promise<Reservation>;
  /** Takes back one counted attempt (it was not a failure after all). */
  refund(key: string): Promise<void>;
  /** Forgets every attempt counted against `key`. */
  clear(key: string): Promise<void>;
}

export class PrismaLoginCounterRepository implements LoginCounterRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async reserve(key: string, max: number, windowSeconds: number): Promise<Reservation> {
    // The app's clock, not the database's, so that the window the throttle computes and the rows agree.
    const now = new Date();
    const expired = new Date(now.getTime() - windowSeconds * 1000);
    // One statement: INSERT ... ON CONFLICT DO UPDATE locks the key's row, so concurrent reservations of one key
    // queue up and each sees the count that the one before it left. An expired window starts again at 1; a full
    // one is left alone (the WHERE fails), and then nothing is returned.
    const granted = await this.prisma.$queryRaw<{ window_start: Date }[]>`
      INSERT INTO login_counters AS c (key, attempts, window_start) VALUES (${key}, 1, ${now})
      ON CONFLICT (key) DO UPDATE SET
        attempts = CASE WHEN c.window_start <= ${expired} THEN 1 ELSE c.attempts + 1 END,
        window_start = CASE WHEN c.window_start <= ${expired} THEN EXCLUDED.window_start ELSE c.window_start END
      WHERE c.window_start <= ${expired} OR c.attempts < ${max}
      RETURNING window_start`;
    if (granted[0]) return { granted: true, windowStart: granted[0].window_start };
    const full = await this.prisma.loginCounter.findUnique({ where: { key }, select: { windowStart: true } });
    return { granted: false, windowStart: full?.windowStart ?? now };
  }

  async refund(key: string): Promise<void> {
    await this.prisma.loginCounter.updateMany({
      where: { key, attempts: { gt: 0 } },
      data: { attempts: { decrement: 1 } },
    });
  }

  async clear(key: string): Promise<void> {
    await this.prisma.loginCounter.deleteMany({ where: { key } });
  }
}
