import { spawn } from 'node:child_process';
import { PrismaToolsError } from './prisma-tools-error';

export interface GenerateOptions {
  schemaPath: string;
  /** Where prisma.config.ts is looked for; the current directory by default. */
  cwd?: string;
}

/**
 * Runs the real `prisma generate`. Prisma's CLI downloads a native schema engine before it generates, and the
 * download host may be unreachable; the client itself needs no engine, so the engine is pointed at /bin/false.
 * (/bin/true would do for generate, but it makes `prisma migrate dev` succeed without doing anything.)
 *
 * @returns what Prisma printed. On failure, the PrismaToolsError's `details` holds it.
 */
export function generateClient(options: GenerateOptions): Promise<string> {
  const prismaCli = require.resolve('prisma/build/index.js');
  const child = spawn(process.execPath, [prismaCli, 'generate', '--schema', options.schemaPath], {
    cwd: options.cwd,
    env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: '/bin/false', CHECKPOINT_DISABLE: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) return resolve(output);
      const message = `prisma generate exited with code ${code}`;
      reject(new PrismaToolsError({ code: 'GENERATE_FAILED', message, details: output.trimEnd() }));
    });
  });
}
