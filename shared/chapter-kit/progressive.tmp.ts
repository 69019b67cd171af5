// temporary helper, not committed
import fs from 'node:fs';
import path from 'node:path';
import { parseRegions, starterRegion } from './src/starter';

const [chapterDir, upTo, outDir] = process.argv.slice(2) as [string, string, string];
const manifest = JSON.parse(fs.readFileSync(path.join(chapterDir, 'chapter.json'), 'utf8'));
const titles = new Map<string, string>(manifest.exercises.map((e: { id: string; title: string }) => [e.id, e.title]));
const order: string[] = manifest.exercises.map((e: { id: string }) => e.id);
const done = new Set(order.slice(0, order.indexOf(upTo) + 1));
const solution = path.join(chapterDir, 'solution');
function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? walk(p) : [p];
  });
}
fs.rmSync(outDir, { recursive: true, force: true });
for (const file of walk(solution)) {
  const rel = path.relative(solution, file);
  const target = path.join(outDir, rel);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  if (rel.startsWith('generated') || !/\.(ts|sql|prisma)$/.test(rel)) { fs.copyFileSync(file, target); continue; }
  const text = fs.readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const out: string[] = [];
  let next = 0;
  for (const region of parseRegions(text, rel)) {
    if (done.has(region.exercise)) continue;
    out.push(...lines.slice(next, region.start), ...starterRegion(lines, region, titles.get(region.exercise)!));
    next = region.end + 1;
  }
  out.push(...lines.slice(next));
  fs.writeFileSync(target, out.join('\n'));
}
console.log(`${outDir}: exercises ${[...done].join(', ')} done`);
