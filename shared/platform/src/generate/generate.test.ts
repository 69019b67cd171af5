import fs from 'node:fs';
import path from 'node:path';
import { generate, GenerateError, runGenerate } from '.';

// Scratch trees live in the package (git ignores .course/), so that tsoa resolves @tsoa/runtime from them.
const scratch = path.join(__dirname, '..', '..', '.course', `generate-test-${process.pid}`);
const api = { name: 'Scratch API', description: 'A tree made by a test.', basePath: '/api/v1' };

beforeAll(() => {
  const broken = path.join(scratch, 'broken');
  fs.mkdirSync(broken, { recursive: true });
  fs.writeFileSync(path.join(broken, 'app.ts'), 'export {};\n');
  fs.writeFileSync(
    path.join(broken, 'thing.controller.ts'),
    [
      "import { Controller, Get, Route } from '@tsoa/runtime';",
      '// @ts-expect-error Missing is declared nowhere, which tsoa cannot document.',
      "@Route('things') export class ThingController extends Controller { @Get() public async list(): Promise<Missing> { return {}; } }",
      '',
    ].join('\n'),
  );
  fs.mkdirSync(path.join(scratch, 'empty'), { recursive: true });
});
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe('generate()', () => {
  it('When a tree has no entry file, then it is skipped', async () => {
    await expect(generate({ packageDir: scratch, trees: ['empty', 'absent'], api })).resolves.toEqual([]);
  });

  it('When tsoa cannot document a controller, then generate() rejects naming the tree and the step', async () => {
    const failure = generate({ packageDir: scratch, trees: ['broken'], api });
    await expect(failure).rejects.toBeInstanceOf(GenerateError);
    await expect(failure).rejects.toThrow(/^broken\/: tsoa spec and routes failed: .*Missing/);
  });

  it('When runGenerate() fails, then it prints the reason and sets exit code 1 instead of throwing', async () => {
    const printed = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      await runGenerate({ packageDir: scratch, trees: ['broken'], api });
      expect(process.exitCode).toBe(1);
      expect(printed).toHaveBeenCalledWith(
        expect.stringMatching(/^generate: broken\/: tsoa spec and routes failed/),
      );
    } finally {
      process.exitCode = 0;
    }
  });
});
