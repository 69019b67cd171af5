import { createFixture, type Fixture } from './fixture';

let fixture: Fixture;
beforeAll(() => {
  fixture = createFixture();
});
afterAll(() => fixture.remove());

describe('usage errors', () => {
  it('When the chapter is unknown, then one line lists the chapters and the exit code is 2', async () => {
    const { code, stdout, stderr } = await fixture.course(['run', '9']);

    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('course: unknown chapter "9" (chapters: 01-demo)\n');
  });

  it("When the exercise is unknown, then one line gives the chapter's range and the exit code is 2", async () => {
    const { code, stderr } = await fixture.course(['hint', '1.9']);

    expect(code).toBe(2);
    expect(stderr).toBe('course: unknown exercise "1.9" (chapter 01 has 1.1–1.2)\n');
  });

  it('When the command is unknown, then one line lists the commands and the exit code is 2', async () => {
    const { code, stderr } = await fixture.course(['frobnicate']);

    expect(code).toBe(2);
    expect(stderr).toMatch(/^course: unknown command "frobnicate" \(commands: status, run, .*\)\n$/);
  });

  it('When an option is unknown, then one line shows the usage and the exit code is 2', async () => {
    const { code, stderr } = await fixture.course(['diff', '1', '--colour']);

    expect(code).toBe(2);
    expect(stderr).toMatch(/^course: unknown option '--colour' \(usage: pnpm course diff .*\)\n$/);
  });

  it('When "." is used outside a chapter folder, then it says so with exit code 2', async () => {
    const { code, stderr } = await fixture.course(['diff', '.']);

    expect(code).toBe(2);
    expect(stderr).toMatch(/^course: "\." means the chapter around the current folder, .*\n$/);
  });
});
