import { spawn } from 'node:child_process';

export interface ProcessOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Let the child write to the terminal instead of capturing its output. */
  inherit?: boolean;
  signal?: AbortSignal;
  /**
   * Kill the child and everything it started (its process group) when it runs longer than this. A test that leaves
   * a server or a worker behind can keep jest alive forever; `check` must end with a failure, not hang.
   */
  timeoutMs?: number;
}

export interface ProcessResult {
  /** The exit code, or null when a signal ended the child. */
  code: number | null;
  /** stdout and stderr interleaved, when captured. */
  output: string;
  aborted: boolean;
  /** True when `timeoutMs` ran out and the child was killed. */
  timedOut?: boolean;
}

/** Runs a child process to its end; never rejects for a non-zero exit. */
export function runProcess(
  command: string,
  args: readonly string[],
  options: ProcessOptions,
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: options.inherit ? 'inherit' : ['ignore', 'pipe', 'pipe'],
      signal: options.signal,
      // Its own process group, so that a timeout can end the workers and servers it started as well.
      detached: options.timeoutMs !== undefined,
    });
    let timedOut = false;
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            try {
              process.kill(-child.pid!, 'SIGKILL');
            } catch {
              child.kill('SIGKILL');
            }
          }, options.timeoutMs);
    const chunks: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', (error) => {
      if (error.name !== 'AbortError') reject(error);
    });
    child.on('close', (code) => {
      if (timer) clearTimeout(timer);
      resolve({
        timedOut,
        code,
        output: Buffer.concat(chunks).toString('utf8'),
        aborted: options.signal?.aborted ?? false,
      });
    });
  });
}
