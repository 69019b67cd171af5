import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_DATABASE_URL, describeDatabase } from './database';
import { generateClient } from './generate';
import { migrateDeploy, migrateStatus } from './migrate-deploy';
import { migrateDev } from './migrate-dev';
import { migrateDiff } from './migrate-diff';
import { migrateReset } from './migrate-reset';
import { resolvePaths, type SchemaOptions } from './options';
import { PrismaToolsError } from './prisma-tools-error';

export const USAGE = `Usage: course-prisma <command> [--schema <file>] [--migrations <folder>]

  generate                  generate the Prisma client
  migrate dev               apply pending migrations, then create and apply one for the schema's changes
      --name <name>           the new migration's name (needed when the schema has changed)
      --create-only           write the new migration without applying it, to edit it first
      --accept-data-loss      go ahead although the new migration drops data
  migrate deploy            apply pending migrations
  migrate status            list applied and pending migrations; exits with 1 unless up to date
  migrate diff              print the SQL between the migrations and the schema
      --exit-code             exit with 2 when they differ (the drift check for CI)
  migrate reset --force     drop every table and row, then apply all migrations

--schema defaults to prisma/schema.prisma, --migrations to the migrations folder next to the schema.
The database is $DATABASE_URL, or ${DEFAULT_DATABASE_URL} when it is unset.
Exit codes: 0 success, 1 failure or wrong usage, 2 (diff --exit-code) the migrations and the schema differ.`;

export interface Output {
  out: (line: string) => void;
  err: (line: string) => void;
}

const consoleOutput: Output = { out: (line) => console.log(line), err: (line) => console.error(line) };

type Flags = {
  name?: string;
  'create-only'?: boolean;
  'accept-data-loss'?: boolean;
  'exit-code'?: boolean;
  force?: boolean;
};
type Command = (options: SchemaOptions, flags: Flags, io: Output) => Promise<number>;

function listApplied(applied: string[], io: Output): void {
  for (const name of applied) io.out(`Applied migration ${name}`);
}

const commands: Record<string, Command> = {
  generate: async (options, _flags, io) => {
    io.out((await generateClient({ schemaPath: options.schemaPath })).trimEnd());
    return 0;
  },
  'migrate dev': async (options, flags, io) => {
    const result = await migrateDev({
      ...options,
      name: flags.name,
      createOnly: flags['create-only'],
      acceptDataLoss: flags['accept-data-loss'],
    });
    if (result.createdDatabase) io.out(`Created the database`);
    for (const warning of result.warnings) io.out(`Warning: ${warning}`);
    if (result.created)
      io.out(`Created ${path.join(options.migrationsDir, result.created, 'migration.sql')}`);
    listApplied(result.applied, io);
    if (!result.created)
      io.out('Already in sync: the migrations produce the schema, so no migration was created.');
    return 0;
  },
  'migrate deploy': async (options, _flags, io) => {
    const { createdDatabase, applied } = await migrateDeploy(options);
    if (createdDatabase) io.out(`Created the database`);
    listApplied(applied, io);
    if (applied.length === 0) io.out('No pending migrations: the database is up to date.');
    return 0;
  },
  'migrate status': async (options, _flags, io) => {
    const status = await migrateStatus(options);
    const sections: [string, string[]][] = [
      ['Applied', status.applied],
      ['Pending', status.pending],
      ['Edited after they were applied', status.edited],
      ['Recorded in the database but missing from the folder', status.missing],
      ['Started and never finished', status.failed],
    ];
    for (const [title, names] of sections.filter(([, names]) => names.length > 0)) {
      io.out(`${title}:\n${names.map((name) => `  ${name}`).join('\n')}`);
    }
    const upToDate = sections.slice(1).every(([, names]) => names.length === 0);
    io.out(upToDate ? 'The database is up to date.' : 'The database is not up to date.');
    return upToDate ? 0 : 1;
  },
  'migrate diff': async (options, flags, io) => {
    const { inSync, script } = await migrateDiff(options);
    io.out(script.trimEnd());
    if (!inSync && flags['exit-code']) {
      io.err('The schema differs from what the migrations produce: run migrate dev to create a migration.');
      return 2;
    }
    return 0;
  },
  'migrate reset': async (options, flags, io) => {
    const { applied } = await migrateReset({ ...options, force: flags.force === true });
    io.out('Dropped the public schema with all its tables and rows');
    listApplied(applied, io);
    return 0;
  },
};

const CHANGES_DATABASE = new Set(['migrate dev', 'migrate deploy', 'migrate reset']);

/** Runs `course-prisma` with the given arguments and returns the exit code. */
export async function runCli(
  argv: string[],
  io: Output = consoleOutput,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        schema: { type: 'string' },
        migrations: { type: 'string' },
        name: { type: 'string' },
        'create-only': { type: 'boolean' },
        'accept-data-loss': { type: 'boolean' },
        'exit-code': { type: 'boolean' },
        force: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    io.err(`course-prisma: ${(error as Error).message}\n\n${USAGE}`);
    return 1;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  const commandName = positionals.join(' ');
  const command = commands[commandName];
  if (!command) {
    io.err(positionals.length > 0 ? `course-prisma: unknown command "${commandName}"\n\n${USAGE}` : USAGE);
    return 1;
  }

  try {
    const databaseUrl = env.DATABASE_URL || DEFAULT_DATABASE_URL;
    const options = { ...resolvePaths(values), databaseUrl };
    if (CHANGES_DATABASE.has(commandName)) {
      io.out(
        `Database: ${describeDatabase(databaseUrl)}${env.DATABASE_URL ? '' : ' (DATABASE_URL is unset)'}`,
      );
    }
    return await command(options, values, io);
  } catch (error) {
    io.err(`course-prisma: ${error instanceof Error ? error.message : String(error)}`);
    if (error instanceof PrismaToolsError && error.details) io.err(error.details);
    return 1;
  }
}
