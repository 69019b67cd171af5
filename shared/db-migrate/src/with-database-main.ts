import { withDatabase } from './with-database';

const io = { out: (line: string) => console.log(line), err: (line: string) => console.error(line) };
void withDatabase(process.argv.slice(2), io).then((code) => {
  process.exitCode = code;
});
