import path from 'node:path';
import { findRepoRoot, generateStarter, listChapters, writeStarter } from '@course/chapter-kit';

// Temporary entry point: only `sync` exists so far.
const [command] = process.argv.slice(2);
const root = findRepoRoot();
if (command === 'sync') {
  for (const chapter of listChapters(root)) {
    const titles = new Map(chapter.exercises.map((e) => [e.id, e.title]));
    writeStarter(path.join(chapter.dir, 'starter'), generateStarter(chapter.dir, titles));
    console.log(`synced ${chapter.slug}`);
  }
} else {
  console.error(`unknown command ${command}`);
  process.exitCode = 2;
}
