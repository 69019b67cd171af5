import path from 'node:path';

export interface Config {
  port: number;
  notesFile: string;
}

/** Reads the environment once, at startup, and fails fast on a bad value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3001);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer from 0 to 65535, not "${env.PORT}"`);
  }
  return { port, notesFile: path.resolve(env.NOTES_FILE ?? 'data/notes.json') };
}
