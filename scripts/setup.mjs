#!/usr/bin/env node
// One-command setup for a fresh clone: `npm run setup`.
// It needs only Node and npm; it installs pnpm when it is missing, then the workspace, the generated code,
// and finally runs `pnpm course doctor` so that what is still missing (PostgreSQL, Redis) is named with its remedy.
import { execSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const MIN_NODE = [20, 19];
const PNPM_VERSION = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
).packageManager.split('@')[1];

function step(title) {
  console.log(`\n▶ ${title}`);
}

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) {
    console.error(`\n✗ ${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status || 1);
  }
}

function pnpmVersion() {
  try {
    return execSync('pnpm --version', { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < MIN_NODE[0] || (major === MIN_NODE[0] && minor < MIN_NODE[1])) {
  console.error(
    `✗ Node ${MIN_NODE.join('.')}+ is required; this is ${process.versions.node}. With nvm: nvm install (reads .nvmrc).`,
  );
  process.exit(1);
}

step('pnpm');
const found = pnpmVersion();
if (found && Number(found.split('.')[0]) >= 10) {
  console.log(`pnpm ${found} is installed.`);
} else {
  console.log(`Installing pnpm ${PNPM_VERSION} with npm…`);
  const result = spawnSync('npm', ['install', '--global', `pnpm@${PNPM_VERSION}`], {
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0 || !pnpmVersion()) {
    console.error(
      `✗ Could not install pnpm globally. Try one of:\n` +
        `    sudo npm install --global pnpm@${PNPM_VERSION}\n` +
        `    corepack enable pnpm\n` +
        `then run npm run setup again.`,
    );
    process.exit(1);
  }
}

step('Dependencies');
run('pnpm', ['install', ...(process.env.CI ? ['--frozen-lockfile'] : [])]);

step('Generated code (tsoa routes, OpenAPI documents, Prisma clients)');
run('pnpm', ['run', 'generate']);

step('Services and ports');
const doctor = spawnSync('pnpm', ['course', 'doctor'], {
  stdio: 'inherit',
  shell: process.platform === 'win32',
});
if (doctor.status !== 0) {
  console.error(
    '\nSetup installed everything, but the doctor found problems above: the lines under each ✗ say how to fix them.\n' +
      'A missing PostgreSQL or Redis only holds back the chapters listed as waiting for it; the others run now\n' +
      '(start with: pnpm course). docs/setup.md says how to install each service.',
  );
  // The installation itself succeeded; what the doctor found is for the learner to fix when a chapter needs it.
  process.exit(0);
}
console.log('\n✓ Ready. Start with: pnpm course');
