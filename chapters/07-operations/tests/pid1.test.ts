import fs from 'node:fs';
import path from 'node:path';
import { exercise, scaffold } from '@course/test-harness';
import { useTestDatabase } from '@course/test-harness/postgres';
import {
  MIGRATIONS,
  serverCommand,
  serverEnv,
  startProcess,
  stopProcess,
  waitFor,
  type ServerProcess,
} from './support';

// Containers run the app as PID 1 in a PID namespace of its own. `unshare` makes one without a container runtime
// (it needs root, or user namespaces).
jest.setTimeout(40_000);

const FIXTURES = path.join(__dirname, 'fixtures');
// --kill-child: when unshare goes, so does the namespace, even if PID 1 ignores every catchable signal.
const asPid1 = (command: string[]) => [
  'unshare',
  '--pid',
  '--fork',
  '--mount-proc',
  '--kill-child',
  ...command,
];
const db = useTestDatabase({ migrationsDir: MIGRATIONS });
let server: ServerProcess | undefined;
afterEach(() => stopProcess(server));

/** The host's id of the namespace's PID 1: the only child of `unshare`. */
function pid1Of(s: ServerProcess): number {
  const pid = s.child.pid!;
  const children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/);
  expect(children).toHaveLength(1);
  return Number(children[0]);
}

const alive = (pid: number) =>
  fs.existsSync(`/proc/${pid}`) && !/State:\s+Z/.test(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));

scaffold('PID 1 and signals', () => {
  it('When a server with no SIGTERM handler runs as PID 1, then SIGTERM is ignored and it keeps serving', async () => {
    server = await startProcess(asPid1(['node', path.join(FIXTURES, 'no-handler.js')]), {});
    expect(server.stdout.join('\n')).toContain('"pid":1,');
    const pid1 = pid1Of(server);
    process.kill(pid1, 'SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(alive(pid1)).toBe(true);
    expect((await fetch(`http://127.0.0.1:${server.port}/`)).status).toBe(200);
  });

  it('When an init runs as PID 1 and the same server as its child, then SIGTERM stops the server', async () => {
    const init = path.join(FIXTURES, 'tiny-init.js');
    server = await startProcess(asPid1(['node', init, 'node', path.join(FIXTURES, 'no-handler.js')]), {});
    expect(server.stdout.join('\n')).not.toContain('"pid":1,'); // the init is PID 1, the server is not
    process.kill(pid1Of(server), 'SIGTERM');
    const { code } = await server.exited;
    expect(server.stdout.join('\n')).toContain('"signal":"SIGTERM"');
    expect(code).not.toBe(0);
  });

  it('When the server is started by `npm start` as PID 1, then SIGTERM never reaches its handler', async () => {
    server = await startProcess(
      asPid1(['npm', 'start', '--silent', '--prefix', path.join(FIXTURES, 'npm-start')]),
      {
        HOME: process.env.HOME ?? '/tmp',
      },
    );
    expect(server.stdout.join('\n')).not.toContain('"pid":1,'); // npm is PID 1, the server is a grandchild
    process.kill(pid1Of(server), 'SIGTERM');
    await server.exited;
    // npm passed the signal to the shell it started, not to node; when PID 1 exits the kernel SIGKILLs the rest.
    expect(server.stdout.join('\n')).not.toContain('server got SIGTERM');
  });
});

exercise('7.3', () => {
  it('When the Bookstore runs as PID 1, then SIGTERM shuts it down cleanly with exit code 0', async () => {
    server = await startProcess(asPid1(serverCommand()), serverEnv(db.url));
    expect(server.stdout.join('\n')).toContain('"pid":1,');
    const s = server;
    process.kill(pid1Of(s), 'SIGTERM');
    const { code } = await s.exited;
    await waitFor(
      () => s.stdout.some((l) => l.includes('"message":"shutdown complete"')),
      'the "shutdown complete" log line',
      5_000,
      s,
    );
    expect(code).toBe(0);
  });
});
