import { exercise, scaffold } from '@course/test-harness';
import { parse } from '@target/parse';

scaffold('module loads', () => {
  it('exports parse', () => expect(typeof parse).toBe('function'));
});
exercise('1.1', () => {
  it('When given a line, then it splits', () => expect(parse('GET / HTTP/1.1')).toEqual(['GET', '/', 'HTTP/1.1']));
});
