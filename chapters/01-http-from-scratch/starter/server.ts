import { createApp } from './app';
import { loadConfig } from './config';
import { NotesStore } from './notes/notes.store';
import { serve } from './serve';

async function main(): Promise<void> {
  const config = loadConfig();
  const store = await NotesStore.open(config.notesFile);
  await serve(`Notes API (${config.notesFile})`, createApp(store), config.port);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
