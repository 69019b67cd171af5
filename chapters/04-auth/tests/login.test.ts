import { exercise } from '@course/test-harness';
import { requiresPostgresServer } from '@course/test-harness/postgres';
import request from 'supertest';
import {
  API,
  bookstoreOn,
  expectProblem,
  login,
  medianMsInTurns,
  PASSWORD,
  register,
  uniqueEmail,
  UNLIMITED_LOGINS,
  useBookstore,
} from './support';

const TIMING = 'on PGlite, query time rather than bcrypt decides how long a request takes';

exercise('4.2', () => {
  const store = useBookstore({ overrides: { loginThrottle: UNLIMITED_LOGINS } });

  describe('POST /api/v1/auth/login', () => {
    it('When the password is wrong, then the answer is 401 INVALID_CREDENTIALS with a Bearer challenge', async () => {
      const email = uniqueEmail();
      await register(store.app, email);
      const res = await login(store.app, email, 'not the right passphrase');
      expectProblem(res, 401, 'INVALID_CREDENTIALS');
      expect(res.headers['www-authenticate']).toBe('Bearer realm="bookstore"');
      expect(res.body.accessToken).toBeUndefined();
    });

    it('When the address has no account, then the answer is exactly the one for a wrong password', async () => {
      const email = uniqueEmail();
      await register(store.app, email);
      const wrongPassword = await login(store.app, email, 'not the right passphrase');
      const unknownAddress = await login(store.app, uniqueEmail('nobody'), PASSWORD);
      expect(wrongPassword.status).toBe(401);
      expect({
        status: unknownAddress.status,
        body: unknownAddress.body,
        challenge: unknownAddress.headers['www-authenticate'],
      }).toEqual({
        status: wrongPassword.status,
        body: wrongPassword.body,
        challenge: wrongPassword.headers['www-authenticate'],
      });
    });

    it('When the password is the one of another account, then it does not open this one', async () => {
      const [mine, theirs] = [uniqueEmail('mine'), uniqueEmail('theirs')];
      await register(store.app, mine, 'my own long passphrase');
      await register(store.app, theirs, 'their own long passphrase');
      expectProblem(await login(store.app, mine, 'their own long passphrase'), 401, 'INVALID_CREDENTIALS');
    });

    it('When the body misses the password, then the answer is 422, not a login failure', async () => {
      const res = await request(store.app).post(`${API}/auth/login`).send({ email: uniqueEmail() });
      expectProblem(res, 422, 'VALIDATION_FAILED');
    });
  });

  describe('with bcrypt at cost 10', () => {
    requiresPostgresServer(TIMING)(
      'When the address has no account, then the failure takes about as long as a wrong password',
      async () => {
        const slow = bookstoreOn(store.db, {
          env: { BCRYPT_COST: '10' },
          overrides: { loginThrottle: UNLIMITED_LOGINS },
        });
        const email = uniqueEmail('timed');
        await register(slow.app, email);
        // The first failure for an unknown address may pay for making the dummy hash; do it before measuring.
        const refused = async (address: string, password = PASSWORD) =>
          expect((await login(slow.app, address, password)).status).toBe(401);
        await refused(uniqueEmail('warm-up'));
        const [wrongPassword, unknownAddress] = await medianMsInTurns(
          5,
          () => refused(email, 'not the right passphrase'),
          () => refused(uniqueEmail('nobody')),
        );
        expect(unknownAddress).toBeGreaterThan(wrongPassword * 0.5);
      },
      15_000,
    );
  });
});
