import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import path from 'node:path';

export interface Note {
  id: string;
  title: string;
  body: string;
  createdAt: string;
  updatedAt: string;
}

export interface NoteInput {
  title: string;
  body: string;
}

/** Notes in memory, saved as one JSON file after every change. */
export class NotesStore {
  private readonly notes = new Map<string, Note>();
  /** The last write; the next one starts after it, so writes never overlap. */
  private lastWrite: Promise<void> = Promise.resolve();

  private constructor(private readonly file: string) {}

  /** Loads the notes saved in `file`, or starts empty when it does not exist yet. */
  static async open(file: string): Promise<NotesStore> {
    const store = new NotesStore(file);
    await mkdir(path.dirname(file), { recursive: true });
    try {
      const notes = JSON.parse(await readFile(file, 'utf8')) as Note[];
      for (const note of notes) store.notes.set(note.id, note);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    return store;
  }

  list(): Note[] {
    return [...this.notes.values()];
  }

  get(id: string): Note | undefined {
    return this.notes.get(id);
  }

  async create(input: NoteInput): Promise<Note> {
    const now = new Date().toISOString();
    const note = { id: randomUUID(), ...input, createdAt: now, updatedAt: now };
    this.notes.set(note.id, note);
    await this.save();
    return note;
  }

  async update(id: string, input: NoteInput): Promise<Note | undefined> {
    const existing = this.notes.get(id);
    if (!existing) return undefined;
    const note = { ...existing, ...input, updatedAt: new Date().toISOString() };
    this.notes.set(id, note);
    await this.save();
    return note;
  }

  async remove(id: string): Promise<boolean> {
    if (!this.notes.delete(id)) return false;
    await this.save();
    return true;
  }

  /**
   * Writes a snapshot of every note to a temporary file, then renames it over the real one: rename replaces a file
   * in one step, so a reader or a crash sees the old file or the new one, never half of one. Writes are queued, so
   * two requests never write the temporary file at once and the last snapshot taken is the last one saved.
   */
  private save(): Promise<void> {
    // #exercise 1.7
    const text = JSON.stringify(this.list(), null, 2);
    const write = this.lastWrite.then(async () => {
      const temporary = `${this.file}.tmp`;
      const handle = await open(temporary, 'w');
      try {
        await handle.writeFile(text);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temporary, this.file);
    });
    // One failed write fails its request, not every later one.
    this.lastWrite = write.catch(() => undefined);
    return write;
    // #end
  }
}
