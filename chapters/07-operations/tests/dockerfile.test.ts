import { exercise, scaffold } from '@course/test-harness';
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import { readDeployFile } from './deploy';
import { CHAPTER } from './support';

const chapter = CHAPTER;

function stages() {
  const dockerfile = DockerfileParser.parse(readDeployFile('Dockerfile'));
  const froms = dockerfile.getFROMs();
  const all = dockerfile.getInstructions();
  // The instructions of each stage: from its FROM to the next one.
  return froms.map((from, i) => {
    const start = all.indexOf(from);
    const end = i + 1 < froms.length ? all.indexOf(froms[i + 1]!) : all.length;
    return { from, instructions: all.slice(start + 1, end) };
  });
}
const args = (i: Instruction) => i.getArgumentsContent() ?? '';
const byKeyword = (list: Instruction[], keyword: string) => list.filter((i) => i.getKeyword() === keyword);

scaffold('the image build', () => {
  it('When the context is sent, then the dockerignore file keeps out dependencies, generated code and secrets', () => {
    const ignored = readDeployFile('Dockerfile.dockerignore')
      .split('\n')
      .map((l) => l.trim());
    for (const pattern of ['**/node_modules', '**/generated', '.git', '**/.env'])
      expect(ignored).toContain(pattern);
  });
});

exercise('7.5', () => {
  it('When the Dockerfile is read, then it has a build stage and a runtime stage, both on an exactly pinned base', () => {
    const all = stages();
    expect(all.length).toBeGreaterThanOrEqual(2);
    for (const { from } of all) {
      expect(from.getImageName()).toBe('node');
      // A version like 20.19.5: "latest" or "20" would change under you between two builds.
      expect(from.getImageTag() ?? '').toMatch(/^\d+\.\d+\.\d+(-[a-z0-9.-]+)?$/);
    }
  });

  it('When the build stage runs, then it deploys only the production dependencies of this package', () => {
    const build = stages()[0]!;
    const runs = byKeyword(build.instructions, 'RUN').map(args).join('\n');
    expect(runs).toMatch(/pnpm deploy --prod|turbo prune/);
  });

  it('When the runtime stage starts, then it copies from the build stage and runs as a non-root user', () => {
    const runtime = stages().at(-1)!;
    const copies = byKeyword(runtime.instructions, 'COPY').map((i) => i.getTextContent());
    expect(copies.some((c) => /--from=build\b/.test(c))).toBe(true);
    expect(copies.some((c) => /\s\.\s/.test(c))).toBe(false); // not the whole context
    const users = byKeyword(runtime.instructions, 'USER').map(args);
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^(root|0)(:|$)/);
  });

  it('When the container runs, then it is production, listens on the chapter port and checks /livez', () => {
    const runtime = stages().at(-1)!;
    expect(byKeyword(runtime.instructions, 'ENV').map(args).join('\n')).toMatch(/NODE_ENV=production/);
    expect(byKeyword(runtime.instructions, 'EXPOSE').map(args)).toContain(String(chapter.port));
    const healthchecks = byKeyword(runtime.instructions, 'HEALTHCHECK').map(args);
    expect(healthchecks).toHaveLength(1);
    expect(healthchecks[0]).toContain(`:${chapter.port}/livez`);
  });

  it('When the container starts, then CMD is in exec form and node itself gets the signals, not npm or a shell', () => {
    const cmds = byKeyword(stages().at(-1)!.instructions, 'CMD');
    expect(cmds).toHaveLength(1);
    const cmd = args(cmds[0]!).trim();
    expect(cmd.startsWith('[')).toBe(true);
    const argv = JSON.parse(cmd) as string[];
    expect(argv[0]).toBe('node');
    expect(argv.join(' ')).not.toMatch(/\bnpm\b|\bsh\b/);
  });
});
