export function parse(line: string): string[] {
  // #exercise 1.1
  return line.split(' ');
  // #end
}
