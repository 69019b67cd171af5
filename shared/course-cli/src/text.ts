/** "1 test", "2 tests". */
export function count(n: number, noun: string): string {
  return `${n} ${n === 1 ? noun : `${noun}s`}`;
}

/** "1 test passes", "2 tests pass". */
export function passing(n: number, noun = 'test'): string {
  return `${count(n, noun)} ${n === 1 ? 'passes' : 'pass'}`;
}
