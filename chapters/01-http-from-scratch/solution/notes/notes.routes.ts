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
  // #exercise 1.7
  const note = await store.create(parseNoteInput(readJson(request)));
  // RFC 9110 §15.3.2: a 201 names the new resource in Location.
  return json(201, note, { location: `/notes/${encodeURIComponent(note.id)}` });
  // #end
}

function findNote(store: NotesStore, { params }: RouteContext): Note {
  // #exercise 1.7
  const note = store.get(params.id ?? '');
  if (!note) throw notFound(params.id);
  return note;
  // #end
}

async function updateNote(store: NotesStore, { request, params }: RouteContext): Promise<HttpResponse> {
  // #exercise 1.7
  const input = parseNoteInput(readJson(request));
  const note = await store.update(params.id ?? '', input);
  if (!note) throw notFound(params.id);
  return json(200, note);
  // #end
}

async function deleteNote(store: NotesStore, { params }: RouteContext): Promise<HttpResponse> {
  // #exercise 1.7
  if (!(await store.remove(params.id ?? ''))) throw notFound(params.id);
  return noContent();
  // #end
}

function notFound(id: string | undefined): HttpError {
  return new HttpError({ status: 404, message: `no note with id ${id}` });
}
