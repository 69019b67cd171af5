import fs from 'node:fs';
import { stdoutPalette } from './color';

const DEBOUNCE_MS = 200;
const IGNORED = /(^|[\\/])(node_modules|\.course)([\\/]|$)|~$|\.swp$/;

function clearScreen(): void {
  if (process.stdout.isTTY) process.stdout.write('\u001b[2J\u001b[3J\u001b[H');
}

/**
 * Runs `runOnce` now and again after every change below `dirs` (changes within 200 ms make one run),
 * until Ctrl-C. A change during a run queues one more run; Ctrl-C stops the run in progress.
 */
export function watchAndRun(
  dirs: string[],
  label: string,
  runOnce: (signal: AbortSignal) => Promise<unknown>,
): Promise<number> {
  const p = stdoutPalette();
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;

  const cycle = async (): Promise<void> => {
    clearScreen();
    try {
      await runOnce(controller.signal);
    } catch (error) {
      console.error(`course: ${(error as Error).message}`);
    }
    if (!controller.signal.aborted)
      console.log(p.dim(`\nWatching ${label} for changes. Press Ctrl-C to stop.`));
  };
  const start = (): void => {
    running = cycle().finally(() => {
      running = undefined;
      if (again && !controller.signal.aborted) {
        again = false;
        start();
      }
    });
  };
  const schedule = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (running) again = true;
      else start();
    }, DEBOUNCE_MS);
  };

  const watchers = dirs
    .filter((dir) => fs.existsSync(dir))
    .map((dir) =>
      fs.watch(dir, { recursive: true }, (_event, file) => {
        if (!file || !IGNORED.test(file)) schedule();
      }),
    );

  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
      controller.abort();
      void (running ?? Promise.resolve()).then(() => {
        console.log('\nStopped watching.');
        resolve(0);
      });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    start();
  });
}
