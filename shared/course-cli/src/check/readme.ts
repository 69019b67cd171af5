import fs from 'node:fs';
import path from 'node:path';
import type { Chapter } from '@course/chapter-kit';
import { count } from '../text';
import type { Item } from './report';

/** The `### <id> <title>` headings of the README's `## Exercises` section, or undefined without one. */
export function exerciseHeadings(markdown: string): string[] | undefined {
  let inSection = false;
  let found = false;
  let fenced = false;
  const headings: string[] = [];
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    if (fenced) continue;
    if (/^#{1,2}\s/.test(line)) {
      inSection = /^##\s+Exercises\s*$/.test(line);
      found ||= inSection;
    } else if (inSection && /^###\s/.test(line)) {
      headings.push(line.replace(/^###\s+/, '').trim());
    }
  }
  return found ? headings : undefined;
}

/** The README's exercise headings must list the manifest's exercises, in order, with the same titles. */
export function checkReadme(chapter: Chapter): Item {
  const scope = chapter.slug;
  const file = path.join(chapter.dir, 'README.md');
  if (!fs.existsSync(file)) return { ok: false, scope, text: 'README: README.md is missing' };
  const headings = exerciseHeadings(fs.readFileSync(file, 'utf8'));
  if (!headings) return { ok: false, scope, text: 'README: no "## Exercises" section' };
  const expected = chapter.exercises.map((e) => `${e.id} ${e.title}`);
  const problems: string[] = [];
  for (let i = 0; i < Math.max(expected.length, headings.length); i += 1) {
    const want = expected[i];
    const have = headings[i];
    if (want === have) continue;
    if (have === undefined) problems.push(`missing "### ${want}"`);
    else if (want === undefined) problems.push(`"### ${have}" is not an exercise in chapter.json`);
    else problems.push(`heading ${i + 1} is "### ${have}" but chapter.json says "${want}"`);
  }
  if (problems.length === 0)
    return {
      ok: true,
      scope,
      text: `README: ${count(headings.length, 'exercise heading')} match chapter.json`,
    };
  return {
    ok: false,
    scope,
    text: "README: the exercise headings don't match chapter.json",
    details: [
      ...problems,
      'Each exercise needs a heading "### <id> <title>" under "## Exercises", in the order of chapter.json.',
    ],
  };
}
