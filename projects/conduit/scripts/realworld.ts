/*
 * The RealWorld API suite against a fresh Conduit: creates a database from the migrations, starts the server on a
 * free port, runs every folder of the Bruno collection, prints what passed, and cleans up. Exits 1 on any failed
 * request or assertion.
 *
 *   pnpm --filter @course/conduit test:realworld [--suite <path to the bruno folder>] [--sandbox safe|developer]
 *
 * The suite's default place is ../shared/realworld/bruno beside the repository (or $REALWORLD_SUITE).
 */
import { parseArgs } from 'node:util';
import { folderPassed, resolveSuiteDir, runSuite, type FolderResult, type Sandbox } from './bruno-runner';
import { startConduitForSuite } from './suite-server';

function line(result: FolderResult): string {
  const mark = folderPassed(result) ? 'pass' : 'FAIL';
  return (
    `${mark}  ${result.folder.padEnd(22)} ${result.passed}/${result.expected} requests, ` +
    `${result.assertions.passed}/${result.assertions.total} assertions  (${(result.durationMs / 1000).toFixed(1)} s)`
  );
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { suite: { type: 'string' }, sandbox: { type: 'string' }, concurrency: { type: 'string' } },
  });
  const suiteDir = resolveSuiteDir(values.suite);
  const sandbox = (values.sandbox ?? process.env.REALWORLD_SANDBOX ?? 'developer') as Sandbox;
  const conduit = await startConduitForSuite();
  console.log(
    `Conduit on ${conduit.host} (database ${conduit.database}); suite ${suiteDir}; sandbox ${sandbox}`,
  );
  try {
    const results = await runSuite(suiteDir, conduit.host, {
      sandbox,
      concurrency: Number(values.concurrency ?? 3),
      onFolder: (result) => console.log(line(result)),
    });
    for (const result of results)
      for (const failure of result.failures) console.log(`  ${result.folder}: ${failure}`);
    const sum = (pick: (r: FolderResult) => number) => results.reduce((total, r) => total + pick(r), 0);
    const passedFolders = results.filter(folderPassed).length;
    console.log(
      `\n${passedFolders}/${results.length} folders, ${sum((r) => r.passed)}/${sum((r) => r.expected)} requests, ` +
        `${sum((r) => r.assertions.passed)}/${sum((r) => r.assertions.total)} assertions passed`,
    );
    return passedFolders === results.length ? 0 : 1;
  } finally {
    await conduit.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
