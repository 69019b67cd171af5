import { spawn } from 'node:child_process';

export interface ProcessOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Let the child write to the terminal instead of capturing its output. */
  inherit?: boolean;
  signal?: AbortSignal;
}

export interface ProcessResult {
  /** The exit code, or null when a signal ended the child. */
  code: number | null;
  /** stdout and stderr interleaved, when captured. */
  output: string;
  aborted: boolean;
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
    });
    const chunks: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', (error) => {
      if (error.name !== 'AbortError') reject(error);
    });
    child.on('close', (code) => {
      resolve({
        code,
        output: Buffer.concat(chunks).toString('utf8'),
        aborted: options.signal?.aborted ?? false,
      });
    });
  });
}
