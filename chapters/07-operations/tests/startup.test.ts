import { exercise } from '@course/test-harness';
import { serverCommand, startProcess } from './support';

// Each test starts a real Node process; on a busy machine that takes a few seconds.
jest.setTimeout(30_000);

exercise('7.1', () => {
  it('When the environment is wrong, then the process prints every problem, no secret, and exits 1', async () => {
    const server = await startProcess(
      serverCommand(),
      {
        PORT: 'eighty',
        DATABASE_URL: 'mysql://root:hunter2-secret@db/x',
        REDIS_URL_FILE: '/nonexistent/redis',
      },
      null,
    );
    const { code } = await server.exited;
    const output = server.output();
    expect({ code, output }).toEqual({ code: 1, output: expect.stringContaining('PORT') });
    expect(output).toContain('DATABASE_URL');
    expect(output).toContain('REDIS_URL_FILE');
    expect(output).not.toContain('hunter2-secret');
    expect(output).not.toMatch(/\n\s+at /); // a configuration mistake is not a crash: no stack trace
  });
});
