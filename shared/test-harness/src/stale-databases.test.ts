import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createTestDatabase, dropTestDatabase, testDatabaseName } from './postgres';
import { isLocalServer, ownerPid } from './stale-databases';
import { databaseExists, serverQuery } from './test-support';

// Creating and dropping databases waits on the server's disk; on a busy machine each takes a second or more.
jest.setTimeout(30_000);

describe('stale test databases', () => {
  let sleeper: ChildProcess;
  let deadName: string;
  let liveName: string;

  beforeAll(async () => {
    const finished = spawnSync(process.execPath, ['-e', '']);
    sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    deadName = testDatabaseName('stale', finished.pid!, 1);
    liveName = testDatabaseName('stale', sleeper.pid!, 1);
    for (const name of [deadName, liveName]) await serverQuery(`CREATE DATABASE "${name}"`);
  });

  afterAll(async () => {
    sleeper.kill();
    for (const name of [deadName, liveName])
      await serverQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });

  it('When a test database is created, then leftovers of dead processes are dropped and live ones kept', async () => {
    const database = await createTestDatabase({ label: 'stale' });
    await dropTestDatabase(database);

    expect(await databaseExists(deadName)).toBe(false);
    expect(await databaseExists(liveName)).toBe(true);
  });
});

describe('test database names', () => {
  it('When a name is made for a pid, then the pid can be read back from it', () => {
    expect(ownerPid(testDatabaseName('ch02-rest-crud', 4242, 3))).toBe(4242);
    expect(ownerPid(testDatabaseName('report_2025', 17, 1))).toBe(17);
    expect(ownerPid('bookstore')).toBeUndefined();
    expect(ownerPid('course_test_notes')).toBeUndefined();
  });

  it('When the server is not on this machine, then leftovers are not judged by local pids', () => {
    expect(isLocalServer('postgres://postgres@127.0.0.1:5432/postgres')).toBe(true);
    expect(isLocalServer('postgres://postgres@localhost/postgres')).toBe(true);
    expect(isLocalServer('postgres://postgres@db.example.com:5432/postgres')).toBe(false);
  });
});
