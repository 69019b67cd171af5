import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import type { Palette } from './color';

function colorize(patch: string, p: Palette): string {
  return patch
    .split('\n')
    .map((line) => {
      if (line.startsWith('---') || line.startsWith('+++')) return p.bold(line);
      if (line.startsWith('@@')) return p.cyan(line);
      if (line.startsWith('+')) return p.green(line);
      return line.startsWith('-') ? p.red(line) : line;
    })
    .join('\n');
}

/** A unified diff from `oldText` to `newText`, or undefined when they are equal. */
export function unifiedDiff(
  oldName: string,
  newName: string,
  oldText: string,
  newText: string,
  p: Palette,
): string | undefined {
  if (oldText === newText) return undefined;
  const patch = createTwoFilesPatch(oldName, newName, oldText, newText, undefined, undefined, {
    context: 3,
    headerOptions: FILE_HEADERS_ONLY,
  });
  return colorize(patch, p);
}
