/*
 * The official RealWorld API suite (its Bruno collection, read from outside the repository) against a Conduit on a
 * fresh database: every folder must pass in full, every request and every assertion, post-response scripts included.
 */
import {
  folderPassed,
  resolveSuiteDir,
  runSuite,
  suiteFolders,
  type FolderResult,
} from '../scripts/bruno-runner';
import { startConduitForSuite, type SuiteServer } from '../scripts/suite-server';

const suiteDir = resolveSuiteDir();
const folders = suiteFolders(suiteDir);
const results = new Map<string, FolderResult>();
let conduit: SuiteServer | undefined;

beforeAll(async () => {
  conduit = await startConduitForSuite();
  // Folders are independent (each run draws its own uid), so three run side by side.
  for (const result of await runSuite(suiteDir, conduit.host, { concurrency: 3, sandbox: 'developer' })) {
    results.set(result.folder, result);
  }
}, 15 * 60_000);

afterAll(async () => {
  await conduit?.close();
});

describe('The RealWorld API suite', () => {
  it('When the suite is read, then it holds the 13 folders and 154 requests it is known for', () => {
    expect(folders).toHaveLength(13);
    expect([...results.values()].reduce((sum, r) => sum + r.expected, 0)).toBe(154);
  });

  it.each(folders)('When the %s folder runs, then every request and assertion passes', (folder) => {
    const result = results.get(folder);
    expect(result).toBeDefined();
    // The failures (request, status, and what the script expected) make the message when this fails.
    expect(result?.failures).toEqual([]);
    expect(folderPassed(result as FolderResult)).toBe(true);
  });
});
