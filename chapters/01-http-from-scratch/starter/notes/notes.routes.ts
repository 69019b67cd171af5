import { HttpError } from '../http/http.error';
import type { HttpResponse } from '../http/http.types';
import { json, noContent } from '../http/response';
import { readJson } from '../router/json-body';
import type { RouteContext, Router } from '../router/router';
import type { Note, NotesStore } from './notes.store';
import { parseNoteInput } from './notes.validation';

export function registerNoteRoutes(router: Router, store: NotesStore): void {
  router
    .get('/notes', () => json(200, store.list()))
    .post('/notes', (context) => createNote(store, context))
    .get('/notes/:id', (context) => json(200, findNote(store, context)))
    .put('/notes/:id', (context) => updateNote(store, context))
    .delete('/notes/:id', (context) => deleteNote(store, context));
}

async function createNote(store: NotesStore, { request }: RouteContext): Promise<HttpResponse> {
  // #exercise 1.7: Build the Notes API. Stuck? pnpm course hint 1.7
  throw new Error('Exercise 1.7 is not done yet: createNote()');
  // #end
}

function findNote(store: NotesStore, { params }: RouteContext): Note {
  // #exercise 1.7: Build the Notes API. Stuck? pnpm course hint 1.7
  throw new Error('Exercise 1.7 is not done yet: findNote()');
  // #end
}

async function updateNote(store: NotesStore, { request, params }: RouteContext): Promise<HttpResponse> {
  // #exercise 1.7: Build the Notes API. Stuck? pnpm course hint 1.7
  throw new Error('Exercise 1.7 is not done yet: updateNote()');
  // #end
}

async function deleteNote(store: NotesStore, { params }: RouteContext): Promise<HttpResponse> {
  // #exercise 1.7: Build the Notes API. Stuck? pnpm course hint 1.7
  throw new Error('Exercise 1.7 is not done yet: deleteNote()');
  // #end
}

function notFound(id: string | undefined): HttpError {
  return new HttpError({ status: 404, message: `no note with id ${id}` });
}
