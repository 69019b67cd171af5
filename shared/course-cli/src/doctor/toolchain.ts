import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { versionAtLeast, type CheckResult } from './result';

interface RootPackage {
  packageManager?: string;
  engines?: Record<string, string>;
}

function rootPackage(root: string): RootPackage {
  const file = path.join(root, 'package.json');
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as RootPackage) : {};
}

/** The minimum version from package.json `engines` (written as ">=20.19"), or the course default. */
function minimum(pkg: RootPackage, tool: string, fallback: string): string {
  return /^>=\s*([\d.]+)$/.exec(pkg.engines?.[tool] ?? '')?.[1] ?? fallback;
}

export function checkNode(root: string, version = process.versions.node): CheckResult {
  const needed = minimum(rootPackage(root), 'node', '20.19');
  const ok = versionAtLeast(version, needed);
  return {
    ok,
    summary: `Node.js ${version} (${needed} or later needed)`,
    remedy: ok
      ? []
      : [
          `Install Node.js ${needed} or later, for example with nvm: nvm install (it reads .nvmrc), then nvm use`,
        ],
  };
}

export function checkPnpm(root: string): CheckResult {
  const pkg = rootPackage(root);
  const needed = minimum(pkg, 'pnpm', '10');
  const pinned = /^pnpm@([\d.]+)/.exec(pkg.packageManager ?? '')?.[1];
  const install = [`npm install -g pnpm@${pinned ?? needed}`];
  const result = spawnSync('pnpm', ['--version'], {
    encoding: 'utf8',
    timeout: 10_000,
    shell: process.platform === 'win32',
  });
  const version = result.status === 0 ? result.stdout.trim() : undefined;
  if (!version) return { ok: false, summary: 'pnpm is not installed (or not on PATH)', remedy: install };
  const ok = versionAtLeast(version, needed);
  return { ok, summary: `pnpm ${version} (${needed} or later needed)`, remedy: ok ? [] : install };
}
