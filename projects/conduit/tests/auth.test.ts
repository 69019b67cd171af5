import jwt from 'jsonwebtoken';
import request from 'supertest';
import { JWT_SECRET, registerUser, useConduit } from './support/conduit';

const conduit = useConduit();
const TOKEN_INVALID = { errors: { token: ['is invalid'] } };

function sign(payload: object, options: jwt.SignOptions = {}, secret: string = JWT_SECRET): string {
  const defaults: jwt.SignOptions = {
    algorithm: 'HS256',
    issuer: 'conduit',
    audience: 'conduit-clients',
    expiresIn: 600,
    jwtid: 'test-token',
  };
  const merged = { ...defaults, ...options };
  // jsonwebtoken refuses `expiresIn: undefined`; leaving the key out makes a token without exp.
  if ('expiresIn' in options && options.expiresIn === undefined) delete merged.expiresIn;
  if ('jwtid' in options && options.jwtid === undefined) delete merged.jwtid;
  return jwt.sign(payload, secret, merged);
}

async function getUser(authorization?: string) {
  const req = request(conduit.app).get('/api/user');
  return authorization === undefined ? req : req.set('Authorization', authorization);
}

describe('Authentication attacks', () => {
  let userId: string;

  beforeAll(async () => {
    const { token } = await registerUser(conduit.app, 'victim');
    userId = String(jwt.decode(token, { json: true })?.sub);
  });

  it('When a token is made like ours with our secret, then it works (the control for the attacks below)', async () => {
    expect((await getUser(`Token ${sign({}, { subject: userId })}`)).status).toBe(200);
  });

  it('When no token is sent, then 401 "token is missing" with a Token challenge', async () => {
    const response = await getUser();
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ errors: { token: ['is missing'] } });
    expect(response.headers['www-authenticate']).toBe('Token realm="conduit"');
  });

  it('When the header uses another scheme or is garbage, then 401 "token is invalid"', async () => {
    for (const header of [
      `Bearer ${sign({}, { subject: userId })}`,
      'Token',
      'Token a.b',
      'Token a.b.c.d',
      'Basic dXNlcjpwYXNz',
    ]) {
      const response = await getUser(header);
      expect(response.status).toBe(401);
      expect(response.body).toEqual(TOKEN_INVALID);
    }
  });

  it('When a token is unsigned (alg none), then 401', async () => {
    const none = jwt.sign({ sub: userId, iss: 'conduit', aud: 'conduit-clients' }, '', {
      algorithm: 'none',
      expiresIn: 600,
    });
    expect((await getUser(`Token ${none}`)).body).toEqual(TOKEN_INVALID);
  });

  it('When a token is signed with the right secret but HS512, then 401: the algorithm is pinned', async () => {
    const hs512 = sign({}, { subject: userId, algorithm: 'HS512' });
    expect((await getUser(`Token ${hs512}`)).status).toBe(401);
  });

  it('When a token is signed with another secret, then 401', async () => {
    const forged = sign({}, { subject: userId }, 'x'.repeat(64));
    expect((await getUser(`Token ${forged}`)).status).toBe(401);
  });

  it('When a token has expired, has no exp, or names another audience or issuer, then 401', async () => {
    const expired = sign(
      { exp: Math.floor(Date.now() / 1000) - 10 },
      { subject: userId, expiresIn: undefined },
    );
    const noExp = sign({}, { subject: userId, expiresIn: undefined });
    const otherAudience = sign({}, { subject: userId, audience: 'someone-else' });
    const otherIssuer = sign({}, { subject: userId, issuer: 'someone-else' });
    const noJti = sign({}, { subject: userId, jwtid: undefined });
    for (const token of [expired, noExp, otherAudience, otherIssuer, noJti]) {
      expect((await getUser(`Token ${token}`)).status).toBe(401);
    }
    expect((await getUser(`Token ${expired}`)).body).toEqual({ errors: { token: ['has expired'] } });
  });

  it('When a valid token names a user that does not exist, then 401', async () => {
    expect((await getUser(`Token ${sign({}, { subject: '999999' })}`)).status).toBe(401);
    expect((await getUser(`Token ${sign({}, { subject: 'admin' })}`)).status).toBe(401);
  });

  it('When a bad token is sent to a read that needs none, then 401 rather than a silent anonymous answer', async () => {
    const response = await request(conduit.app)
      .get('/api/articles')
      .set('Authorization', 'Token nope.nope.nope');
    expect(response.status).toBe(401);
  });

  it('When a login has a wrong password or an unknown email, then both get the same 401', async () => {
    const { username } = await registerUser(conduit.app, 'known');
    const wrongPassword = await request(conduit.app)
      .post('/api/users/login')
      .send({ user: { email: `${username}@test.example`, password: 'wrong-password' } });
    const unknownEmail = await request(conduit.app)
      .post('/api/users/login')
      .send({ user: { email: 'nobody@test.example', password: 'wrong-password' } });
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    expect(wrongPassword.body).toEqual({ errors: { credentials: ['invalid'] } });
    expect(unknownEmail.body).toEqual(wrongPassword.body);
  });

  it('When an email differs only in case, then login works and a second registration is 409', async () => {
    const { username } = await registerUser(conduit.app, 'cased');
    const login = await request(conduit.app)
      .post('/api/users/login')
      .send({ user: { email: `  ${username.toUpperCase()}@TEST.EXAMPLE `, password: 'password123' } });
    expect(login.status).toBe(200);
    const again = await request(conduit.app)
      .post('/api/users')
      .send({
        user: {
          username: `${username}x`,
          email: `${username.toUpperCase()}@test.example`,
          password: 'password123',
        },
      });
    expect(again.status).toBe(409);
    expect(again.body).toEqual({ errors: { email: ['has already been taken'] } });
  });

  it('When a user registers and logs in, then no password or hash appears in a response or a log line', async () => {
    const password = 'correct horse battery';
    const response = await request(conduit.app)
      .post('/api/users')
      .send({ user: { username: 'secretive', email: 'secretive@test.example', password } });
    await request(conduit.app)
      .post('/api/users/login')
      .send({ user: { email: 'secretive@test.example', password } })
      .expect(200);
    const everything = JSON.stringify(response.body) + JSON.stringify(conduit.logs);
    expect(everything).not.toContain(password);
    expect(everything).not.toMatch(/\$2[aby]\$/);
    const { rows } = await conduit.db.query(`SELECT password_hash FROM users WHERE username = 'secretive'`);
    expect(rows[0]?.password_hash).toMatch(/^\$2b\$04\$/);
  });

  it('When a token is issued, then it is HS256 with exp, iat, iss, aud and sub', async () => {
    const { token } = await registerUser(conduit.app, 'claims');
    const decoded = jwt.decode(token, { complete: true });
    expect(decoded?.header.alg).toBe('HS256');
    expect(decoded?.payload).toEqual(
      expect.objectContaining({
        exp: expect.any(Number),
        iat: expect.any(Number),
        iss: 'conduit',
        aud: 'conduit-clients',
        sub: expect.stringMatching(/^\d+$/),
        jti: expect.any(String),
      }),
    );
  });
});
