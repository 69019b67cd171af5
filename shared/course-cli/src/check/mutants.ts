import fs from 'node:fs';
import path from 'node:path';
import type { Chapter } from '@course/chapter-kit';
import { brokenFiles, exerciseOf, ranTests } from '../jest-report';
import { exercisePattern, runJest, usesPostgres } from '../jest-runner';
import { count } from '../text';
import { copySolution } from './pristine';
import type { Item } from './report';
import { checkTimeoutMs, crashed, failureDetails } from './tests';

export interface Mutant {
  exercise: string;
  file: string;
  find: string;
  replace: string;
  why: string;
}

function isMutant(value: unknown): value is Mutant {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  return ['exercise', 'file', 'find', 'replace', 'why'].every((key) => typeof m[key] === 'string');
}

/** Where a chapter's mutants live: beside the solution they mutate, never in the tests learners read. */
export const MUTANTS_FILE = 'solution/mutants.json';

/** Reads solution/mutants.json, or returns the item that says why it cannot be used. */
export function loadMutants(chapter: Chapter): Mutant[] | Item {
  const scope = chapter.slug;
  const file = path.join(chapter.dir, MUTANTS_FILE);
  if (!fs.existsSync(file)) return { ok: false, scope, text: `no mutants: ${MUTANTS_FILE} is missing` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    return { ok: false, scope, text: `mutants: ${MUTANTS_FILE} is not JSON: ${(error as Error).message}` };
  }
  if (!Array.isArray(parsed) || parsed.length === 0 || !parsed.every(isMutant)) {
    const shape = 'a non-empty list of { exercise, file, find, replace, why }';
    return { ok: false, scope, text: `mutants: ${MUTANTS_FILE} must be ${shape}` };
  }
  return parsed;
}

/** Writes the mutated copy of the solution to `dir`; returns why it cannot, if it cannot. */
function writeMutant(chapter: Chapter, mutant: Mutant, dir: string): string | undefined {
  const problem = mutantProblem(chapter, mutant);
  if (problem) return problem;
  copySolution(chapter, dir);
  const file = path.join(dir, mutant.file);
  const text = fs.readFileSync(file, 'utf8');
  // A function replacer, so that "$&" and friends in `replace` stay literal.
  fs.writeFileSync(
    file,
    text.replace(mutant.find, () => mutant.replace),
  );
  return undefined;
}

/**
 * Without `--deep`: each mutant still names an exercise of chapter.json and changes exactly one place of the
 * solution, so a refactor that leaves a mutant behind is caught by the quick check too. Whether the tests kill it
 * is what `--deep` runs.
 */
export function checkMutantsApply(chapter: Chapter): Item {
  const scope = chapter.slug;
  const mutants = loadMutants(chapter);
  if (!Array.isArray(mutants)) return mutants;
  const problems = mutants.flatMap((mutant, index) => {
    const problem = mutantProblem(chapter, mutant);
    return problem ? [`mutant ${index + 1} (${mutant.exercise}: ${mutant.why}): ${problem}`] : [];
  });
  if (problems.length === 0) {
    return {
      ok: true,
      scope,
      text: `mutants: ${count(mutants.length, 'mutant')} apply to the solution (--deep runs them)`,
    };
  }
  return {
    ok: false,
    scope,
    text: `mutants: ${count(problems.length, 'mutant')} of ${mutants.length} no longer apply to the solution`,
    details: problems,
  };
}

/** Why a mutant cannot be applied to the solution as it is, if it cannot. */
function mutantProblem(chapter: Chapter, mutant: Mutant): string | undefined {
  if (!chapter.exercises.some((e) => e.id === mutant.exercise)) {
    return `exercise ${mutant.exercise} is not in chapter.json`;
  }
  const file = path.join(chapter.dir, 'solution', mutant.file);
  if (!fs.existsSync(file)) return `solution/${mutant.file} does not exist`;
  const occurrences = fs.readFileSync(file, 'utf8').split(mutant.find).length - 1;
  if (occurrences !== 1) return `"find" occurs ${occurrences} times in solution/${mutant.file}, not once`;
  return undefined;
}

/** Applies one mutant to a copy of the solution and expects a test of its exercise to fail. */
export async function checkMutant(
  chapter: Chapter,
  mutant: Mutant,
  index: number,
  testPaths?: string[],
): Promise<Item> {
  const scope = chapter.slug;
  const label = `mutant ${index} (${mutant.exercise}: ${mutant.why})`;
  const dir = path.join(chapter.dir, '.course', 'mutants', String(index));
  const problem = writeMutant(chapter, mutant, dir);
  if (problem) return { ok: false, scope, text: `${label}: ${problem}` };

  const pattern = exercisePattern(mutant.exercise);
  const run = await runJest({
    cwd: chapter.dir,
    target: dir,
    testNamePattern: pattern,
    testPaths,
    ci: true,
    timeoutMs: checkTimeoutMs(),
    usesPostgres: usesPostgres(chapter),
  });
  if (!run.report) return crashed(scope, `${label}: `, run);
  const killers = ranTests(run.report).filter(
    (t) => exerciseOf(t) === mutant.exercise && t.status === 'failed',
  );
  if (killers.length > 0) {
    return { ok: true, scope, text: `${label} killed by ${count(killers.length, 'test')}` };
  }

  const broken = brokenFiles(run.report);
  return {
    ok: false,
    scope,
    text:
      broken.length > 0
        ? `${label}: the tests did not run, so no test could kill it`
        : `${label} survived: every test of ${mutant.exercise} passes with it`,
    details: [
      `solution/${mutant.file}: ${JSON.stringify(mutant.find)} -> ${JSON.stringify(mutant.replace)}`,
      ...failureDetails([], broken, chapter.dir),
    ],
  };
}
