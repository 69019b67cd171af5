import { parseArgs, type ParseArgsConfig } from 'node:util';
import { usageError } from './errors';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses one command's arguments; anything unexpected is a usage error that shows the usage line. */
export function parseCommandArgs<const T extends Options>(
  args: string[],
  options: T,
  usage: string,
  positionals: { min: number; max: number },
) {
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, allowNegative: true, strict: true });
  } catch (error) {
    const reason = (error as Error).message.split('. ')[0] ?? 'invalid arguments';
    throw usageError(`${reason.charAt(0).toLowerCase()}${reason.slice(1)} (usage: ${usage})`);
  }
  const count = parsed.positionals.length;
  if (count < positionals.min) throw usageError(`missing argument (usage: ${usage})`);
  if (count > positionals.max) {
    throw usageError(`unexpected argument "${parsed.positionals[positionals.max]}" (usage: ${usage})`);
  }
  return parsed;
}
