import { copyChapter, createFixture, type Fixture } from './fixture';

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

  it('When DATABASE_URL points at a closed port and a chapter needs PostgreSQL, then the check fails with the commands that fix it', async () => {
    const manifest = 'chapters/01-demo/chapter.json';
    fixture.write(
      manifest,
      JSON.stringify({ ...JSON.parse(fixture.read(manifest)), services: ['postgres'] }),
    );

    const { code, stdout } = await fixture.course(['doctor'], {
      env: { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/postgres' },
    });

    expect(code).toBe(1);
    expect(stdout).toMatch(/✗ PostgreSQL at postgres:\/\/postgres@127\.0\.0\.1:1\/postgres: .*ECONNREFUSED/);
    expect(stdout).toContain('docker compose up -d postgres');
    expect(stdout).toContain('sudo apt-get install postgresql');
    expect(stdout).toContain('export DATABASE_URL=');
    expect(stdout).toContain('1 of 5 checks failed');
  });

  it('When Redis is down and no chapter needs it, then doctor warns, says how to get it, and passes', async () => {
    const { code, stdout } = await fixture.course(['doctor'], { env: { REDIS_URL: 'redis://127.0.0.1:1' } });

    expect(code).toBe(0);
    expect(stdout).toMatch(
      /⚠ Redis at redis:\/\/127\.0\.0\.1:1: .*ECONNREFUSED.* \(no chapter needs it yet\)/,
    );
    expect(stdout).toContain('docker compose up -d redis');
    expect(stdout).toContain('sudo apt-get install redis-server');
    expect(stdout).toContain('brew install redis');
  });

  it('When Redis is down and one chapter needs it, then doctor names that chapter and the ones that run without it', async () => {
    copyChapter(fixture, '02-demo');
    const manifest = 'chapters/02-demo/chapter.json';
    fixture.write(
      manifest,
      JSON.stringify({ ...JSON.parse(fixture.read(manifest)), services: ['redis'], port: 39174 }),
    );

    const { code, stdout } = await fixture.course(['doctor'], { env: { REDIS_URL: 'redis://127.0.0.1:1' } });

    expect(code).toBe(1);
    expect(stdout).toMatch(/✗ Redis at .* \(needed by 02-demo\)/);
    expect(stdout).toContain('Only 02-demo needs it; the other chapters run without it.');
    expect(stdout).toContain('Ready to run now: 01-demo.');
    expect(stdout).toContain('Waiting for Redis: 02-demo.');
  });
});
