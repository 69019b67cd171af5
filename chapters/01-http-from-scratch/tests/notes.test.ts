import { mkdir, mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { exercise, recordServerOutput } from '@course/test-harness';
import { createApp } from '@target/app';
import { loadConfig } from '@target/config';
import { createServer } from '@target/http/http.server';
import type { HttpServer } from '@target/http/http.server';
import { NotesStore } from '@target/notes/notes.store';
import type { Note } from '@target/notes/notes.store';

let directory: string;
let notesFile: string;
let server: HttpServer | undefined;
let baseUrl: string;
let testNumber = 0;

/** Starts the Notes API the way server.ts does, with NOTES_FILE pointing into the test's directory. */
async function startNotes(): Promise<void> {
  const store = await NotesStore.open(loadConfig({ NOTES_FILE: notesFile }).notesFile);
  // A failing test prints what the server caught: a stub's "not done yet" error is answered with a bare 500.
  server = createServer(createApp(store), { onError: (error) => recordServerOutput('server error', error) });
  baseUrl = `http://127.0.0.1:${await server.listen(0)}`;
}

async function restart(): Promise<void> {
  await server?.close();
  await startNotes();
}

function send(method: string, url: string, body?: unknown): Promise<Response> {
  const init: RequestInit = { method };
  if (body !== undefined) {
    init.headers = { 'content-type': 'application/json' };
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  return fetch(`${baseUrl}${url}`, init);
}

async function createNote(title = 'Groceries', body = 'milk, eggs'): Promise<Note> {
  const response = await send('POST', '/notes', { title, body });
  expect(response.status).toBe(201);
  return (await response.json()) as Note;
}

async function savedNotes(): Promise<Note[]> {
  return JSON.parse(await readFile(notesFile, 'utf8')) as Note[];
}

beforeAll(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'ch01-notes-'));
});
beforeEach(async () => {
  testNumber += 1;
  notesFile = path.join(directory, `test-${testNumber}`, 'notes.json');
  await startNotes();
});
afterEach(async () => {
  await server?.close();
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

exercise('1.7', () => {
  it('When no note exists yet, then GET /notes answers 200 with an empty list', async () => {
    const response = await send('GET', '/notes');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual([]);
  });

  it('When a valid note is posted, then the answer is 201 with the note and a Location that serves it', async () => {
    const response = await send('POST', '/notes', { title: 'Groceries', body: 'milk' });
    expect(response.status).toBe(201);
    const note = (await response.json()) as Note;
    expect(note).toMatchObject({ id: expect.any(String), title: 'Groceries', body: 'milk' });
    expect(response.headers.get('location')).toBe(`/notes/${note.id}`);
    const fetched = await send('GET', response.headers.get('location') ?? '');
    expect(fetched.status).toBe(200);
    expect(await fetched.json()).toEqual(note);
  });

  it('When a note is posted without a body field, then its body is empty', async () => {
    const response = await send('POST', '/notes', { title: 'Title only' });
    expect(await response.json()).toMatchObject({ title: 'Title only', body: '' });
  });

  it('When notes exist, then GET /notes lists them all', async () => {
    const first = await createNote('one');
    const second = await createNote('two');
    const listed = (await (await send('GET', '/notes')).json()) as Note[];
    expect(listed.map((note) => note.id).sort()).toEqual([first.id, second.id].sort());
  });

  it('When a note is replaced with PUT, then the answer is the updated note and GET agrees', async () => {
    const note = await createNote();
    const response = await send('PUT', `/notes/${note.id}`, { title: 'Renamed', body: 'new text' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: note.id, title: 'Renamed', body: 'new text' });
    expect(await (await send('GET', `/notes/${note.id}`)).json()).toMatchObject({ title: 'Renamed' });
  });

  it('When a note is deleted, then the answer is 204 with no body and the note is gone', async () => {
    const note = await createNote();
    const response = await send('DELETE', `/notes/${note.id}`);
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    expect((await send('GET', `/notes/${note.id}`)).status).toBe(404);
  });

  it.each([
    ['GET', undefined],
    ['PUT', { title: 'x' }],
    ['DELETE', undefined],
  ])('When %s names a note that does not exist, then the answer is 404', async (method, body) => {
    const response = await send(method, '/notes/no-such-note', body);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: 'Not Found' });
  });

  it.each([
    ['an array', []],
    ['a missing title', { body: 'text' }],
    ['a blank title', { title: '   ' }],
    ['a title that is not a string', { title: 42 }],
    ['a title that is too long', { title: 'x'.repeat(201) }],
    ['a body that is not a string', { title: 'ok', body: ['a'] }],
    ['an unknown field', { title: 'ok', colour: 'red' }],
  ])('When the note has %s, then the answer is 422 and nothing is saved', async (_case, body) => {
    const response = await send('POST', '/notes', body);
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ error: 'Unprocessable Content' });
    expect(await (await send('GET', '/notes')).json()).toEqual([]);
  });

  it('When PUT sends an invalid note, then the answer is 422 and the note is unchanged', async () => {
    const note = await createNote('Keep me');
    expect((await send('PUT', `/notes/${note.id}`, { title: '' })).status).toBe(422);
    expect(await (await send('GET', `/notes/${note.id}`)).json()).toMatchObject({ title: 'Keep me' });
  });

  it('When the body is not valid JSON, then the answer is 400', async () => {
    expect((await send('POST', '/notes', '{"title":')).status).toBe(400);
  });

  it('When the body is not labelled as JSON, then the answer is 415', async () => {
    const response = await fetch(`${baseUrl}/notes`, { method: 'POST', body: 'title=x' });
    expect(response.status).toBe(415);
  });

  it('When PATCH is sent to /notes, then the answer is 405 with the methods that /notes allows', async () => {
    const response = await send('PATCH', '/notes', { title: 'x' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')?.split(', ').sort()).toEqual(['GET', 'HEAD', 'POST']);
  });

  it('When notes are created, updated and deleted, then the file holds exactly the current notes', async () => {
    const kept = await createNote('kept');
    const removed = await createNote('removed');
    await send('PUT', `/notes/${kept.id}`, { title: 'kept and renamed' });
    await send('DELETE', `/notes/${removed.id}`);
    expect(await savedNotes()).toEqual([expect.objectContaining({ id: kept.id, title: 'kept and renamed' })]);
  });

  it('When the server restarts, then the notes are loaded back from the file', async () => {
    const first = await createNote('first');
    const second = await createNote('second');
    await restart();
    const listed = (await (await send('GET', '/notes')).json()) as Note[];
    expect(listed).toEqual(expect.arrayContaining([first, second]));
    expect(listed).toHaveLength(2);
  });

  it('When a note is saved, then the file is replaced by a rename and no temporary file is left', async () => {
    await createNote('first');
    const before = await stat(notesFile);
    await createNote('second');
    const after = await stat(notesFile);
    expect(after.ino).not.toBe(before.ino);
    expect(await readdir(path.dirname(notesFile))).toEqual(['notes.json']);
  });

  describe('when a write fails', () => {
    // A directory where the temporary file should go makes the next write fail, whatever the user's permissions.
    const blockWrites = () => mkdir(`${notesFile}.tmp`);
    const unblockWrites = () => rm(`${notesFile}.tmp`, { recursive: true });

    it('When saving a new note fails, then the answer is 500 and the note is neither listed nor in the file', async () => {
      const kept = await createNote('kept');
      await blockWrites();
      expect((await send('POST', '/notes', { title: 'lost' })).status).toBe(500);
      expect(await (await send('GET', '/notes')).json()).toEqual([kept]);
      expect(await savedNotes()).toEqual([kept]);
    });

    it('When saving a change fails, then the note keeps its old content in memory and in the file', async () => {
      const note = await createNote('before');
      await blockWrites();
      expect((await send('PUT', `/notes/${note.id}`, { title: 'after' })).status).toBe(500);
      expect((await send('DELETE', `/notes/${note.id}`)).status).toBe(500);
      expect(await (await send('GET', `/notes/${note.id}`)).json()).toEqual(note);
      expect(await savedNotes()).toEqual([note]);
    });

    it('When a write has failed, then the next saves succeed once writing works again', async () => {
      await blockWrites();
      expect((await send('POST', '/notes', { title: 'lost' })).status).toBe(500);
      await unblockWrites();
      const first = await createNote('first after the failure');
      const second = await createNote('second after the failure');
      expect(await savedNotes()).toEqual([first, second]);
    });
  });

  it('When many notes are posted at once, then every one of them ends up in the file', async () => {
    const count = 25;
    const responses = await Promise.all(
      Array.from({ length: count }, (_, i) => send('POST', '/notes', { title: `note ${i}` })),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(count).fill(201));
    const created = (await Promise.all(responses.map((response) => response.json()))) as Note[];
    const saved = await savedNotes();
    expect(saved.map((note) => note.id).sort()).toEqual(created.map((note) => note.id).sort());
  });
});
