import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { exercise, scaffold } from '@course/test-harness';
import { useTestDatabase } from '@course/test-harness/postgres';
import { useTestRedis } from '@course/test-harness/redis';
import request from 'supertest';
import { loadConfig } from '@target/config';
import { testApp } from './app';
import { DEPLOY_DIR, readYaml } from './deploy';
import { CHAPTER, MIGRATIONS } from './support';

const chapter = CHAPTER;
const db = useTestDatabase({ migrationsDir: MIGRATIONS });
const redis = useTestRedis();

/* eslint-disable @typescript-eslint/no-explicit-any -- manifests are checked field by field below */
const deployment = (): any => readYaml('k8s/deployment.yaml')[0];
const container = (): any => deployment().spec.template.spec.containers[0];
const envOf = (): Record<string, string> =>
  Object.fromEntries((container().env as { name: string; value: string }[]).map((e) => [e.name, e.value]));

scaffold('the manifests are valid Kubernetes objects', () => {
  it('When every manifest is checked against the Kubernetes schemas, then none has an error', () => {
    const script = path.join(__dirname, 'fixtures', 'validate-k8s.mjs');
    const out = execFileSync(process.execPath, [script, path.join(DEPLOY_DIR, 'k8s')], { encoding: 'utf8' });
    const results = JSON.parse(out) as { kind: string; error?: string }[];
    expect(results.filter((r) => r.error)).toEqual([]);
    expect(results.map((r) => r.kind).sort()).toEqual([
      'Deployment',
      'Job',
      'PodDisruptionBudget',
      'Service',
    ]);
  });

  it('When a node is drained, then the PodDisruptionBudget keeps all but one replica and selects the app', () => {
    const pdb = readYaml('k8s/pdb.yaml')[0] as any;
    expect(pdb.spec.maxUnavailable).toBe(1);
    expect(pdb.spec.selector.matchLabels).toEqual(deployment().spec.template.metadata.labels);
  });

  it('When the Service routes, then it targets the container port by name and selects the app', () => {
    const service = readYaml('k8s/service.yaml')[0] as any;
    const port = container().ports.find((p: any) => p.name === service.spec.ports[0].targetPort);
    expect(port?.containerPort).toBe(chapter.port);
    expect(service.spec.selector).toEqual(deployment().spec.template.metadata.labels);
  });
});

exercise('7.1', () => {
  it('When the Deployment sets the environment, then every name is one the configuration reads, and the config is valid', () => {
    const read = new Set<string>();
    const env = envOf();
    const tracked = new Proxy(env, { get: (target, name: string) => (read.add(name), target[name]) });
    const config = loadConfig(tracked, (file) => (file.endsWith('database-url') ? db.url : 'redis://r:6379'));
    for (const name of Object.keys(env)) expect({ name, read: read.has(name) }).toEqual({ name, read: true });
    expect(config.port).toBe(chapter.port);
  });
});

exercise('7.6', () => {
  it('When the pod stops, then Kubernetes waits longer than the shutdown budget before SIGKILL', () => {
    const grace = deployment().spec.template.spec.terminationGracePeriodSeconds as number;
    const budgetMs = Number(envOf().SHUTDOWN_BUDGET_MS ?? 10_000);
    expect(grace * 1000).toBeGreaterThan(budgetMs);
  });

  it('When the pod runs, then it runs as a non-root user without privilege escalation', () => {
    const podSecurity = deployment().spec.template.spec.securityContext ?? {};
    const security = { ...podSecurity, ...(container().securityContext ?? {}) };
    expect(security.runAsNonRoot).toBe(true);
    expect(security.runAsUser).toBeGreaterThan(0);
    expect(security.allowPrivilegeEscalation).toBe(false);
    expect(security.readOnlyRootFilesystem).toBe(true);
  });

  it('When the scheduler places the pod, then it has CPU and memory requests and a memory limit', () => {
    const { resources } = container();
    expect(resources?.requests?.cpu).toBeDefined();
    expect(resources?.requests?.memory).toBeDefined();
    expect(resources?.limits?.memory).toBeDefined();
  });

  it('When the probes run, then they call paths the app serves, on its port: /livez for liveness, /readyz for readiness', async () => {
    const c = container();
    expect(c.livenessProbe?.httpGet?.path).toBe('/livez');
    expect(c.readinessProbe?.httpGet?.path).toBe('/readyz');
    const ports = new Map<string, number>(c.ports.map((p: any) => [p.name, p.containerPort]));
    for (const probe of [c.livenessProbe, c.readinessProbe]) {
      const port = probe.httpGet.port;
      expect(typeof port === 'number' ? port : ports.get(port)).toBe(chapter.port);
      expect(probe.timeoutSeconds ?? 1).toBeLessThanOrEqual(5);
    }
    const checks = [
      { name: 'postgres', check: () => db.pool.query('SELECT 1') },
      { name: 'redis', check: () => redis.client.ping() },
    ];
    const { app } = testApp(db.pool, checks);
    expect((await request(app).get(c.livenessProbe.httpGet.path)).status).toBe(200);
    expect((await request(app).get(c.readinessProbe.httpGet.path)).status).toBe(200);
  });

  it('When secrets reach the pod, then they come as files through *_FILE variables, never as plain values', () => {
    const env = envOf();
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.REDIS_URL).toBeUndefined();
    const mounts = (container().volumeMounts ?? []).map((m: any) => m.mountPath as string);
    for (const name of ['DATABASE_URL_FILE', 'REDIS_URL_FILE']) {
      expect(mounts.some((m: string) => env[name]?.startsWith(`${m}/`))).toBe(true);
    }
  });
});
