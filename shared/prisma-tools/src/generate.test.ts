import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { generateClient } from './generate';
import { migrateDeploy } from './migrate-deploy';
import { createScratchProject, type ScratchProject } from './scratch-project';

interface Book {
  title: string;
  isbn: string;
}

let project: ScratchProject;
let output: string;

beforeAll(async () => {
  project = await createScratchProject();
  // prisma.config.ts reads process.env.DATABASE_URL directly, so generating works where the variable is unset.
  const databaseUrl = process.env.DATABASE_URL;
  delete process.env.DATABASE_URL;
  try {
    output = await generateClient({ schemaPath: project.schemaPath, cwd: project.dir });
  } finally {
    if (databaseUrl !== undefined) process.env.DATABASE_URL = databaseUrl;
  }
});

afterAll(async () => {
  await project.cleanup();
});

async function databaseWithTables(): Promise<string> {
  const databaseUrl = await project.newDatabase();
  await migrateDeploy({ ...project, databaseUrl });
  return databaseUrl;
}

describe('generate', () => {
  it('When it runs without the native engine, then it writes the client into generated/', () => {
    expect(output).toContain('Generated Prisma Client (7.10.0)');
    expect(fs.existsSync(path.join(project.dir, 'generated', 'prisma', 'client.ts'))).toBe(true);
  });

  it('When jest loads the generated client, then it inserts and reads a row through adapter-pg', async () => {
    const databaseUrl = await databaseWithTables();
    const { addBook } = (await import(path.join(project.dir, 'books.ts'))) as {
      addBook: (url: string, book: Book) => Promise<Book[]>;
    };

    const books = await addBook(databaseUrl, { title: 'Dune', isbn: '9780441013593' });

    expect(books).toEqual([{ title: 'Dune', isbn: '9780441013593' }]);
  });

  it('When tsx runs the generated client, then it inserts and reads a row through adapter-pg', async () => {
    const databaseUrl = await databaseWithTables();

    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--require', require.resolve('tsx/cjs'), 'books.ts', 'Emma', '9780141439587'],
      { cwd: project.dir, env: { ...process.env, DATABASE_URL: databaseUrl } },
    );

    expect(JSON.parse(stdout)).toEqual([{ title: 'Emma', isbn: '9780141439587' }]);
  });

  it('When the schema is invalid, then it fails and keeps what Prisma printed', async () => {
    const broken = path.join(project.dir, 'prisma', 'broken.prisma');
    fs.writeFileSync(
      broken,
      fs.readFileSync(project.schemaPath, 'utf8').replace('title String', 'title Strin'),
    );

    await expect(generateClient({ schemaPath: broken, cwd: project.dir })).rejects.toMatchObject({
      code: 'GENERATE_FAILED',
      details: expect.stringContaining('Strin'),
    });
  });
});
