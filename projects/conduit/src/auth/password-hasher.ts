import bcrypt from 'bcrypt';
import type { PasswordHasher } from './auth.types';

/** bcrypt at the configured cost; a dummy hash makes a login for an unknown email take as long as a real one. */
export function bcryptHasher(cost: number): PasswordHasher {
  const dummy = bcrypt.hash('a password nobody has', cost);
  return {
    hash: (password) => bcrypt.hash(password, cost),
    async verify(password, hash) {
      const matches = await bcrypt.compare(password, hash ?? (await dummy));
      return hash !== undefined && matches;
    },
  };
}
