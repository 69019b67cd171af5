/*
 * Runs the RealWorld API suite's Bruno collection, one folder per `bru run`, as the suite's README says, and reads
 * each folder's JSON report. A folder passes when every request in it ran and passed: its status assertion, and its
 * post-response script, whose failed expect() Bruno counts as a failed request.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface FolderResult {
  folder: string;
  /** The requests the folder holds (its .bru files), which must all run. */
  expected: number;
  ran: number;
  passed: number;
  /** Status and body assertions of the `assert` blocks, and tests of the post-response scripts. */
  assertions: { total: number; passed: number };
  tests: { total: number; passed: number };
  /** One line per failed request: its name and why. */
  failures: string[];
  exitCode: number | null;
  durationMs: number;
}

interface BrunoResult {
  name: string;
  path: string;
  status: string;
  error?: string | null;
  response?: { status?: number | string };
  assertionResults?: { status: string; lhsExpr?: string; rhsExpr?: string; error?: string }[];
  testResults?: { status: string; description?: string; error?: string }[];
  preRequestTestResults?: { status: string; description?: string; error?: string }[];
  postResponseTestResults?: { status: string; description?: string; error?: string }[];
}

interface BrunoSummary {
  totalRequests: number;
  passedRequests: number;
  totalAssertions: number;
  passedAssertions: number;
  totalTests: number;
  passedTests: number;
  totalPostResponseTests: number;
  passedPostResponseTests: number;
}

/** The repository root: the nearest folder above this file with a pnpm-workspace.yaml. */
export function repositoryRoot(from = __dirname): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, 'pnpm-workspace.yaml'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no pnpm-workspace.yaml above ${from}`);
    dir = parent;
  }
  return dir;
}

/** The main checkout of the repository: a git worktree's `.git` is a file that points into it. */
function mainCheckout(root: string): string {
  const dotGit = path.join(root, '.git');
  if (!fs.existsSync(dotGit) || fs.statSync(dotGit).isDirectory()) return root;
  const gitDir = /^gitdir: (.+)$/m.exec(fs.readFileSync(dotGit, 'utf8'))?.[1]?.trim();
  const marker = `${path.sep}.git${path.sep}worktrees${path.sep}`;
  return gitDir?.includes(marker) ? gitDir.slice(0, gitDir.indexOf(marker)) : root;
}

/**
 * Where the suite is: the given path, else $REALWORLD_SUITE, else ../shared/realworld/bruno beside the repository
 * (beside its main checkout, for a git worktree).
 */
export function resolveSuiteDir(given?: string): string {
  const beside = (root: string) => path.join(root, '..', 'shared', 'realworld', 'bruno');
  const root = repositoryRoot();
  const fallback = fs.existsSync(beside(root)) ? beside(root) : beside(mainCheckout(root));
  const dir = path.resolve(given ?? process.env.REALWORLD_SUITE ?? fallback);
  if (!fs.existsSync(path.join(dir, 'bruno.json'))) {
    throw new Error(
      `The RealWorld Bruno collection is not at ${dir} (no bruno.json). Get specs/api/bruno from the RealWorld ` +
        'project (github.com/realworld-apps/realworld) and pass its path, or set REALWORLD_SUITE.',
    );
  }
  return dir;
}

/** The suite's folders, in order: every folder that holds requests, except environments/. */
export function suiteFolders(suiteDir: string): string[] {
  return fs
    .readdirSync(suiteDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== 'environments')
    .map((entry) => entry.name)
    .filter((name) => requestFiles(suiteDir, name).length > 0)
    .sort();
}

function requestFiles(suiteDir: string, folder: string): string[] {
  return fs
    .readdirSync(path.join(suiteDir, folder))
    .filter((name) => name.endsWith('.bru') && name !== 'folder.bru');
}

function bruBin(): string {
  return require.resolve('@usebruno/cli/bin/bru.js');
}

function runBru(args: string[], cwd: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bruBin(), ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}

function checks(result: BrunoResult) {
  return [
    ...(result.testResults ?? []),
    ...(result.preRequestTestResults ?? []),
    ...(result.postResponseTestResults ?? []),
  ];
}

/**
 * A request failed when anything about it did. Bruno marks a request whose post-response script threw (a failed
 * expect()) with status "pass" and counts it only in the summary's failedRequests, so every check is read here.
 */
function failed(result: BrunoResult): boolean {
  return (
    result.status !== 'pass' ||
    Boolean(result.error) ||
    (result.assertionResults ?? []).some((a) => a.status !== 'pass') ||
    checks(result).some((t) => t.status !== 'pass')
  );
}

function whyFailed(result: BrunoResult): string {
  const reasons: string[] = [];
  if (result.error) reasons.push(result.error);
  for (const a of result.assertionResults ?? []) {
    if (a.status !== 'pass')
      reasons.push(`assert ${a.lhsExpr ?? ''} ${a.rhsExpr ?? ''}: ${a.error ?? a.status}`);
  }
  for (const t of checks(result)) {
    if (t.status !== 'pass') reasons.push(`${t.description ?? 'script'}: ${t.error ?? t.status}`);
  }
  return `${result.path} (HTTP ${String(result.response?.status ?? '-')}): ${reasons.join('; ') || result.status}`;
}

/**
 * Bruno's JavaScript sandboxes run the same scripts and expect() calls: `safe` (QuickJS, isolated) is the suite's
 * documented default, `developer` (Node's vm) is about ten times faster per request. The suite is trusted data.
 */
export type Sandbox = 'safe' | 'developer';

/** Runs one folder of the suite against `host`, the server's origin without /api. */
export async function runFolder(
  suiteDir: string,
  folder: string,
  host: string,
  sandbox: Sandbox = 'safe',
): Promise<FolderResult> {
  const expected = requestFiles(suiteDir, folder).length;
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'conduit-bruno-'));
  const report = path.join(tempDir, 'report.json');
  const started = Date.now();
  try {
    const args = ['run', folder, '--env', 'local', '--env-var', `host=${host}`, '--sandbox', sandbox];
    const { code, output } = await runBru([...args, '--reporter-json', report], suiteDir);
    const durationMs = Date.now() - started;
    if (!fs.existsSync(report)) {
      return {
        folder,
        expected,
        ran: 0,
        passed: 0,
        assertions: { total: 0, passed: 0 },
        tests: { total: 0, passed: 0 },
        failures: [`bru wrote no report (exit ${code}):\n${output.slice(-2000)}`],
        exitCode: code,
        durationMs,
      };
    }
    const [iteration] = JSON.parse(fs.readFileSync(report, 'utf8')) as {
      results: BrunoResult[];
      summary: BrunoSummary;
    }[];
    const results = iteration?.results ?? [];
    const summary = iteration?.summary;
    const failures = results.filter(failed).map(whyFailed);
    if (results.length < expected) failures.push(`only ${results.length} of ${expected} requests ran`);
    return {
      folder,
      expected,
      ran: results.length,
      passed: summary?.passedRequests ?? 0,
      assertions: { total: summary?.totalAssertions ?? 0, passed: summary?.passedAssertions ?? 0 },
      tests: {
        total: (summary?.totalTests ?? 0) + (summary?.totalPostResponseTests ?? 0),
        passed: (summary?.passedTests ?? 0) + (summary?.passedPostResponseTests ?? 0),
      },
      failures,
      exitCode: code,
      durationMs,
    };
  } finally {
    fs.rmSync(tempDir, { recursive: true, force: true });
  }
}

/** Whether a folder passed in full: every request ran and passed, and bru said so too. */
export function folderPassed(result: FolderResult): boolean {
  return (
    result.exitCode === 0 &&
    result.failures.length === 0 &&
    result.ran === result.expected &&
    result.passed === result.expected &&
    result.assertions.passed === result.assertions.total &&
    result.tests.passed === result.tests.total
  );
}

/** Runs every folder, `concurrency` at a time (folders are independent: each run draws its own uid). */
export async function runSuite(
  suiteDir: string,
  host: string,
  {
    concurrency = 2,
    sandbox = 'safe',
    folders = suiteFolders(suiteDir),
    onFolder,
  }: {
    concurrency?: number;
    sandbox?: Sandbox;
    folders?: string[];
    onFolder?: (result: FolderResult) => void;
  } = {},
): Promise<FolderResult[]> {
  const results: FolderResult[] = [];
  let next = 0;
  async function worker(): Promise<void> {
    while (next < folders.length) {
      const folder = folders[next++] as string;
      const result = await runFolder(suiteDir, folder, host, sandbox);
      onFolder?.(result);
      results.push(result);
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, folders.length) }, worker));
  return results.sort((a, b) => a.folder.localeCompare(b.folder));
}
