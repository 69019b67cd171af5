import fs from 'node:fs';
import path from 'node:path';
import { LuaScript } from './lua-script';

const load = (name: string) =>
  new LuaScript(fs.readFileSync(path.join(__dirname, 'lua', `${name}.lua`), 'utf8'));

/** The queue's atomic steps; each .lua file says what it does and which keys and arguments it takes. */
export const scripts = {
  enqueue: load('enqueue'),
  claim: load('claim'),
  ack: load('ack'),
  reap: load('reap'),
  fail: load('fail'),
  promote: load('promote'),
  replay: load('replay'),
  release: load('release'),
};
