import { exerciseFiles, type Chapter } from '@course/chapter-kit';
import type { Item } from './report';

/** Every manifest exercise has code to write, and every region belongs to a manifest exercise. */
export function checkRegions(chapter: Chapter): Item {
  const scope = chapter.slug;
  let regions: Map<string, string[]>;
  try {
    regions = exerciseFiles(chapter.dir);
  } catch (error) {
    return { ok: false, scope, text: `regions: ${(error as Error).message}` };
  }
  const ids = new Set(chapter.exercises.map((e) => e.id));
  const problems = [
    ...chapter.exercises
      .filter((e) => !regions.has(e.id))
      .map((e) => `exercise ${e.id} has no "#exercise ${e.id}" region in solution/`),
    ...[...regions]
      .filter(([id]) => !ids.has(id))
      .map(
        ([id, files]) =>
          `region "#exercise ${id}" in ${files.map((f) => `solution/${f}`).join(', ')} is not in chapter.json`,
      ),
  ];
  if (problems.length === 0) {
    return { ok: true, scope, text: `regions: every exercise has code in solution/` };
  }
  return { ok: false, scope, text: 'regions: solution/ and chapter.json disagree', details: problems };
}
