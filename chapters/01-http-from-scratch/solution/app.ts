import type { Handler } from './http/http.types';
import { registerNoteRoutes } from './notes/notes.routes';
import type { NotesStore } from './notes/notes.store';
import { Router } from './router/router';

/** The Notes API as a Handler; it does not listen, so tests and server.ts decide where it runs. */
export function createApp(store: NotesStore): Handler {
  const router = new Router();
  registerNoteRoutes(router, store);
  return router.handle;
}
