import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { TARGET_DIR } from './support';

export const DEPLOY_DIR = path.join(TARGET_DIR, 'deploy');

export function readDeployFile(name: string): string {
  return fs.readFileSync(path.join(DEPLOY_DIR, name), 'utf8');
}

/** Every document of a YAML file; a syntax error fails the test with the parser's message. */
export function readYaml(name: string): Record<string, unknown>[] {
  return parseAllDocuments(readDeployFile(name)).map((doc) => {
    if (doc.errors.length > 0) throw new Error(`${name}: ${doc.errors.map((e) => e.message).join('; ')}`);
    return doc.toJS() as Record<string, unknown>;
  });
}
