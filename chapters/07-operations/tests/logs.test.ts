import { scaffold } from '@course/test-harness';
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

jest.setTimeout(30_000);

const db = useTestDatabase({ migrationsDir: MIGRATIONS });
let server: ServerProcess | undefined;
afterEach(() => stopProcess(server));

scaffold('logs', () => {
  it('When the server runs, then stdout is one JSON object per line, a newline in user input stays inside its string, and the password never shows', async () => {
    // Trust authentication ignores the password, so a URL with one still connects.
    const url = new URL(db.url);
    url.username = 'postgres';
    url.password = 'pw-that-must-not-leak';
    server = await startProcess(serverCommand(), serverEnv(url.toString(), { DATABASE_URL: url.toString() }));
    const forged = 'x\n{"level":"error","message":"forged"}';
    const res = await fetch(`http://127.0.0.1:${server.port}/api/v1/books/${encodeURIComponent(forged)}`);
    expect(res.status).toBe(404);
    const s = server;
    await waitFor(
      () => s.stdout.some((l) => l.includes('book id is not a number')),
      'the log line',
      5_000,
      s,
    );

    const entries = s.stdout
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(entries.find((e) => e.message === 'book id is not a number')?.id).toBe(forged);
    expect(entries.some((e) => e.message === 'forged')).toBe(false);
    expect(s.output()).not.toContain('pw-that-must-not-leak');
  });
});
