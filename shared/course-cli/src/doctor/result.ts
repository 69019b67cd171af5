export interface CheckResult {
  ok: boolean;
  /** Not ok, but nothing needs it yet: shown with ⚠ and not counted as a failure. */
  warning?: boolean;
  /** What was checked and what was found, on one line. */
  summary: string;
  /** Exact commands or steps that fix a failed check. */
  remedy: string[];
}

/** "20.20.2" >= "20.19"? Missing parts count as 0. */
export function versionAtLeast(version: string, minimum: string): boolean {
  const have = version.split('.').map(Number);
  const need = minimum.split('.').map(Number);
  for (let i = 0; i < need.length; i += 1) {
    const a = have[i] ?? 0;
    const b = need[i] ?? 0;
    if (a !== b) return a > b;
  }
  return true;
}
