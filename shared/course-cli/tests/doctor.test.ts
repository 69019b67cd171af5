import { createFixture, type Fixture } from './fixture';

let fixture: Fixture;
beforeEach(() => {
  fixture = createFixture();
});
afterEach(() => fixture.remove());

describe('course doctor', () => {
  it('When PostgreSQL and Redis run and the port is free, then every check passes', async () => {
    const { code, stdout } = await fixture.course(['doctor']);

    expect(code).toBe(0);
    expect(stdout).toMatch(/✓ Node\.js \d+\.\d+\.\d+ \(20\.19 or later needed\)/);
    expect(stdout).toMatch(/✓ pnpm \d+/);
    expect(stdout).toContain('✓ PostgreSQL at postgres://postgres@127.0.0.1:5432/postgres answers');
    expect(stdout).toContain('✓ Redis at redis://127.0.0.1:6379 answers PING');
    expect(stdout).toContain('✓ Port 39173 is free (01-demo)');
    expect(stdout).toContain('All 5 checks passed.');
  });

  it('When DATABASE_URL points at a closed port, then the PostgreSQL check fails with the commands that fix it', async () => {
    const { code, stdout } = await fixture.course(['doctor'], {
      env: { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/postgres' },
    });

    expect(code).toBe(1);
    expect(stdout).toMatch(/✗ PostgreSQL at postgres:\/\/postgres@127\.0\.0\.1:1\/postgres: .*ECONNREFUSED/);
    expect(stdout).toContain('docker compose up -d postgres');
    expect(stdout).toContain('export DATABASE_URL=');
    expect(stdout).toContain('1 of 5 checks failed');
  });
});
