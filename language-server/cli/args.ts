import { localDate } from '../../core/tasks/dates.js';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UserError } from '../node/loadWorkspace.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** node's parseArgs, with its errors turned into one line a user can act on. */
export function parseCommandArgs<T extends Options>(command: string, args: string[], options: T) {
  try {
    return parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UserError(`${command}: ${message.replace(/\. To specify a positional argument.*$/s, '')}. Run 'scriptorium help' for usage.`);
  }
}

/** The user's local date as `YYYY-MM-DD`; SCRIPTORIUM_TODAY pins it for tests and reproducible runs. */
export function today(): string {
  const pinned = process.env.SCRIPTORIUM_TODAY;
  if (pinned && /^\d{4}-\d{2}-\d{2}$/.test(pinned)) return pinned;
  return localDate();
}
