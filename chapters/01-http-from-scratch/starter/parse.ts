export function parse(line: string): string[] {
  // #exercise 1.1: Parse the request line. Stuck? pnpm course hint 1.1
  throw new Error('Exercise 1.1 is not done yet: Parse the request line');
  // #end
}
