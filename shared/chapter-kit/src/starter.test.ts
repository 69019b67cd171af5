import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  generateStarter,
  MarkerError,
  parseRegions,
  regionText,
  replaceRegions,
  toStarter,
  withoutMarkers,
} from './starter';

const titles = new Map([
  ['1.1', 'Parse the request line'],
  ['1.2', "Parse the headers' fields"],
]);

const solution = [
  "import { thing } from './thing';",
  '',
  'export function parse(line: string): string[] {',
  '  // #exercise 1.1',
  "  return line.split(' ');",
  '  // #end',
  '}',
  '',
  'export function count(): number {',
  '  // #exercise 1.2',
  '  return 42;',
  '  // #starter',
  '  // return 0;',
  '  // #end',
  '}',
].join('\n');

describe('toStarter', () => {
  it('When a region has no #starter part, then the starter throws an error that names the exercise', () => {
    const starter = toStarter(solution, 'a.ts', titles);
    expect(starter).toContain("  throw new Error('Exercise 1.1 is not done yet: Parse the request line');");
    expect(starter).not.toContain("line.split(' ')");
  });

  it('When a region has a #starter part, then its lines are uncommented into the starter', () => {
    const starter = toStarter(solution, 'a.ts', titles);
    expect(starter).toContain('  return 0;');
    expect(starter).not.toContain('return 42');
  });

  it('When a title has a quote, then the generated stub still parses as a string', () => {
    const text = ['// #exercise 1.2', '// #end'].join('\n');
    expect(toStarter(text, 'a.ts', titles)).toContain("Parse the headers\\' fields");
  });

  it('When regions are turned into a starter, then the markers stay so that reset can find them', () => {
    const starter = toStarter(solution, 'a.ts', titles);
    expect(parseRegions(starter, 'a.ts').map((r) => r.exercise)).toEqual(['1.1', '1.2']);
    expect(starter).toContain('// #exercise 1.1: Parse the request line. Stuck? pnpm course hint 1.1');
  });

  it('When a file has several thrown stubs, then each names its function, method or arrow function', () => {
    const text = [
      'export class Repo {',
      '  async findBook(id: string) {',
      '    // #exercise 1.1',
      '    return id;',
      '    // #end',
      '  }',
      '}',
      'export const toBook = (row: unknown) => {',
      '  // #exercise 1.1',
      '  return row;',
      '  // #end',
      '};',
      'export function count(): number {',
      '  // #exercise 1.2',
      '  return 42;',
      '  // #starter',
      '  // return 0;',
      '  // #end',
      '}',
    ].join('\n');
    const starter = toStarter(text, 'a.ts', titles);
    expect(starter).toContain("throw new Error('Exercise 1.1 is not done yet: findBook()');");
    expect(starter).toContain("throw new Error('Exercise 1.1 is not done yet: toBook()');");
    expect(starter).toContain('  return 0;');
  });

  it('When a file has one thrown stub, then its message names the exercise title', () => {
    const starter = toStarter(solution, 'a.ts', titles);
    expect(starter).toContain("'Exercise 1.1 is not done yet: Parse the request line'");
  });

  it('When exercises are marked solved, then their regions keep the solution code and the others are stubs', () => {
    const starter = toStarter(solution, 'a.ts', titles, new Set(['1.1']));
    expect(starter).toContain(
      "  // #exercise 1.1: Parse the request line. Stuck? pnpm course hint 1.1\n  return line.split(' ');\n  // #end",
    );
    expect(starter).toContain('  return 0;');
    expect(starter).not.toContain('return 42');
  });

  it('When a file has no markers, then it is copied unchanged', () => {
    expect(toStarter('const a = 1;\n', 'a.ts', titles)).toBe('const a = 1;\n');
  });

  it('When a region is SQL, then "--" markers work and a #starter part is required', () => {
    const sql = [
      '-- #exercise 1.1',
      'CREATE TABLE a (id int);',
      '-- #starter',
      '-- CREATE TABLE a ();',
      '-- #end',
    ].join('\n');
    expect(toStarter(sql, 'a.sql', titles)).toContain('\nCREATE TABLE a ();\n');
    expect(() => toStarter('-- #exercise 1.1\n-- #end', 'a.sql', titles)).toThrow(/needs a #starter part/);
  });
});

describe('generateStarter', () => {
  it('When solution/ has mutants.json, then the starter does not get it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chapter-kit-'));
    try {
      fs.mkdirSync(path.join(dir, 'solution'));
      fs.writeFileSync(path.join(dir, 'solution', 'a.ts'), 'export const a = 1;\n');
      fs.writeFileSync(path.join(dir, 'solution', 'mutants.json'), '[]\n');
      expect([...generateStarter(dir, titles).keys()]).toEqual(['a.ts']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('parseRegions', () => {
  it('When a region is never closed, then the error names the file and line', () => {
    expect(() => parseRegions('x\n// #exercise 1.1\ny', 'a.ts')).toThrow(
      new MarkerError('a.ts:2: #exercise 1.1 is never closed with #end'),
    );
  });

  it('When regions nest, then it is an error', () => {
    expect(() => parseRegions('// #exercise 1.1\n// #exercise 1.2\n// #end\n// #end', 'a.ts')).toThrow(
      /starts inside/,
    );
  });

  it('When #end has no #exercise, then it is an error', () => {
    expect(() => parseRegions('// #end', 'a.ts')).toThrow(/#end without #exercise/);
  });

  it('When an exercise is not in the manifest, then the generator refuses it', () => {
    expect(() => toStarter('// #exercise 9.9\n// #end', 'a.ts', titles)).toThrow(
      /9.9 is not in chapter.json/,
    );
  });
});

describe('replaceRegions', () => {
  const pristine = toStarter(solution, 'a.ts', titles);
  const edited = pristine
    .replace(
      "throw new Error('Exercise 1.1 is not done yet: Parse the request line');",
      'return [line]; // my try',
    )
    .replace('return 0;', 'return 7; // my other try');

  it('When one exercise is reset, then only its regions return to the pristine stub', () => {
    const reset = replaceRegions(edited, pristine, '1.1', 'a.ts');
    expect(reset).toContain('Exercise 1.1 is not done yet');
    expect(reset).not.toContain('my try');
    expect(reset).toContain('return 7; // my other try');
  });

  it('When the learner removed the markers, then reset refuses and says why', () => {
    const noMarkers = edited.replace(/.*#exercise 1\.1.*\n/, '');
    expect(() => replaceRegions(noMarkers, pristine, '1.1', 'a.ts')).toThrow(/markers edited or removed/);
  });
});

describe('regionText', () => {
  it('When asked for one exercise, then it returns the code inside its regions only', () => {
    expect(regionText(solution, '1.2', 'a.ts')).toBe('  return 42;');
    expect(regionText(solution, '1.1', 'a.ts')).toBe("  return line.split(' ');");
  });

  it('When an exercise has several regions in a file, then they are joined by the separator in file order', () => {
    const text = [
      '// #exercise 1.1',
      'a();',
      '// #end',
      'keep();',
      '// #exercise 1.1',
      'b();',
      '// #end',
    ].join('\n');
    expect(regionText(text, '1.1', 'a.ts', '\n~\n')).toBe('a();\n~\nb();');
  });
});

describe('withoutMarkers', () => {
  it('When a solution has regions, then markers and #starter parts go and the code stays', () => {
    expect(withoutMarkers(solution, 'a.ts')).not.toMatch(/#exercise|#starter|#end|return 0/);
    expect(withoutMarkers(solution, 'a.ts')).toContain("  return line.split(' ');\n}");
  });

  it('When a starter has regions, then its marker lines go and its stubs stay', () => {
    const starter = withoutMarkers(toStarter(solution, 'a.ts', titles), 'a.ts');
    expect(starter).not.toMatch(/#exercise|#end/);
    expect(starter).toContain('  return 0;');
  });
});
