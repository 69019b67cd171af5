import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import { freePort } from '@course/test-harness/ports';

/** A redis-server of the test's own, so that a test may stop or freeze it; never the shared one on 6379. */
export interface OwnRedisServer {
  readonly url: string;
  /** SIGSTOP: the server keeps its connections but answers nothing, like a Redis stuck on a slow command. */
  freeze(): void;
  thaw(): void;
  /** Stops the server and waits for it to exit. */
  stop(): Promise<void>;
}

function ready(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${output}`)), 5000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}:\n${output}`));
    });
  });
}

/** Starts redis-server on a free port, without persistence, and resolves once it accepts connections. */
export async function startRedisServer(): Promise<OwnRedisServer> {
  // Another process may take the port between freePort() and redis-server's bind; try a few.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const child = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        os.tmpdir(),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      await ready(child);
    } catch (error) {
      child.kill('SIGKILL');
      if (attempt < 3) continue;
      throw error;
    }
    let frozen = false;
    return {
      url: `redis://127.0.0.1:${port}`,
      freeze() {
        frozen = child.kill('SIGSTOP');
      },
      thaw() {
        if (frozen) child.kill('SIGCONT');
        frozen = false;
      },
      async stop() {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGKILL');
        await exited;
      },
    };
  }
}
