/**
 * The one flag parser of scripts/: node's own `util.parseArgs` (strict, so a misspelt flag is
 * an error rather than silently ignored) with a `--help` generated from the same table that
 * declares the flags, so a script's help can never drift from what it accepts.
 *
 *   const flags = parseFlags('npx tsx scripts/generate/layouts.ts', 'Seeded plans …', {
 *     seed: { type: 'number', default: 1, help: 'first seed' },
 *     out: { type: 'string', default: '.tmp/layouts', help: 'output folder' },
 *     quick: { type: 'boolean', help: 'committed fixtures only' },
 *   });
 */
import { parseArgs } from 'node:util';

export interface FlagSpec {
  type: 'string' | 'number' | 'boolean';
  help: string;
  default?: string | number | boolean;
  /** A comma-separated list (string flags only): the value is split and trimmed. */
  list?: boolean;
  short?: string;
}

type Value<S extends FlagSpec> = S['type'] extends 'boolean'
  ? boolean
  : S['type'] extends 'number'
    ? number
    : S['list'] extends true
      ? string[]
      : string;

export type Flags<T extends Record<string, FlagSpec>> = { [K in keyof T]: T[K]['default'] extends undefined ? Value<T[K]> | undefined : Value<T[K]> } & {
  /** Arguments that are not flags, in order. */
  positionals: string[];
};

export class FlagError extends Error {}

export function helpText(usage: string, about: string, specs: Record<string, FlagSpec>): string {
  const rows = Object.entries(specs).map(([name, s]) => {
    const left = `  --${name}${s.type === 'boolean' ? '' : s.type === 'number' ? ' N' : s.list ? ' A,B,…' : ' VALUE'}`;
    const dflt = s.default !== undefined && s.default !== false ? ` (default: ${String(s.default)})` : '';
    return `${left.padEnd(30)} ${s.help}${dflt}`;
  });
  return [`Usage: ${usage} [options]`, '', about, '', ...rows, `${'  --help'.padEnd(30)} this text`].join('\n');
}

/** Parses `argv` (default: the process's) against `specs`; `--help` prints the table and exits 0. */
export function parseFlags<T extends Record<string, FlagSpec>>(
  usage: string,
  about: string,
  specs: T,
  argv: string[] = process.argv.slice(2),
): Flags<T> {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = { help: { type: 'boolean' } };
  for (const [name, s] of Object.entries(specs)) options[name] = { type: s.type === 'boolean' ? 'boolean' : 'string', ...(s.short ? { short: s.short } : {}) };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new FlagError(`${(e as Error).message}\n\n${helpText(usage, about, specs)}`);
  }
  if (parsed.values.help) {
    console.log(helpText(usage, about, specs));
    process.exit(0);
  }
  const out: Record<string, unknown> = { positionals: parsed.positionals };
  for (const [name, s] of Object.entries(specs)) {
    const raw = parsed.values[name] as string | boolean | undefined;
    if (raw === undefined) {
      out[name] = s.list && typeof s.default === 'string' ? splitList(s.default) : s.default;
      continue;
    }
    if (s.type === 'number') {
      const n = Number(raw);
      if (!Number.isFinite(n)) throw new FlagError(`--${name} wants a number, got '${String(raw)}'`);
      out[name] = n;
    } else if (s.list) out[name] = splitList(String(raw));
    else out[name] = raw;
  }
  return out as Flags<T>;
}

function splitList(value: string): string[] {
  return value.split(',').map((v) => v.trim()).filter(Boolean);
}

/** Runs a script's main, printing a FlagError as one line plus help and exiting 2 (usage). */
export async function runScript(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (e) {
    if (e instanceof FlagError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
}
