// Flag parsing for every command, strict: an unknown flag is a mistake worth one clear line.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './io.ts';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface ParsedArgs {
  readonly values: Record<string, string | boolean | undefined>;
  readonly positionals: string[];
}

export function parseCommandArgs(command: string, args: string[], options: OptionSpec): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (error) {
    throw new UsageError(
      `cardtwin ${command}: ${describeParseError(error)} (see cardtwin ${command} --help)`,
    );
  }
}

function describeParseError(error: unknown): string {
  const e = error as { code?: string; message?: string };
  const flag = /'(-{1,2}[^' ]+)/.exec(e.message ?? '')?.[1];
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${flag ?? ''}`.trim();
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return flag ? `option ${flag} needs a value` : (e.message ?? 'bad option value');
    default:
      return e.message ?? String(error);
  }
}

/** A whole number flag such as --seed; absent gives undefined. */
export function intFlag(
  command: string,
  name: string,
  value: string | boolean | undefined,
  min = 0,
): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min) {
    throw new UsageError(
      `cardtwin ${command}: --${name} must be a whole number >= ${min}, not ${JSON.stringify(value)}`,
    );
  }
  return n;
}
