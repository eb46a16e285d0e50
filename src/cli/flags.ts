/**
 * Declarative command-line flags for our CLIs: `--name value` or
 * `--name=value`, `--flag` / `--no-flag` for booleans, `-h` / `--help`.
 * Every mistake is a FlagError whose message names the flag, so a CLI can
 * print it as it is.
 */

export interface Flag {
  name: string;
  type: "int" | "number" | "string" | "boolean";
  default?: unknown;
  help: string;
  choices?: readonly string[];
  min?: number;
  max?: number;
}

export class FlagError extends Error {
  override name = "FlagError";
}

/**
 * The value of every flag in `spec` (its default unless `args` sets it), or
 * `{ help: true }` if help was asked for, whatever else `args` holds.
 */
export function parseFlags(spec: readonly Flag[], args: readonly string[]): Record<string, unknown> {
  if (args.some((arg) => arg === "-h" || arg === "--help")) return { help: true };
  const values = Object.fromEntries(spec.map((flag) => [flag.name, defaultOf(flag)]));
  const queue = [...args];
  for (let arg = queue.shift(); arg !== undefined; arg = queue.shift()) {
    const { flag, negated, inline } = identify(spec, arg);
    values[flag.name] = flag.type === "boolean"
      ? booleanValue(flag, negated, inline)
      : convert(flag, inline ?? nextValue(flag, queue));
  }
  return values;
}

/** Usage text: the summary, then every flag with its type, limits and default. */
export function formatHelp(command: string, summary: string, spec: readonly Flag[]): string {
  const rows = [
    ...spec.map((flag) => [usage(flag), description(flag)]),
    ["-h, --help", "show this help"],
  ];
  const width = Math.max(...rows.map(([left]) => left.length));
  const lines = rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`);
  return [`usage: ${command} [flags]`, "", summary, "", "flags:", ...lines].join("\n") + "\n";
}

function defaultOf(flag: Flag): unknown {
  return flag.default ?? (flag.type === "boolean" ? false : undefined);
}

/** The flag an argument names, whether it was negated, and any `=value`. */
function identify(spec: readonly Flag[], arg: string) {
  if (!arg.startsWith("--")) {
    throw new FlagError(`unexpected argument "${arg}": flags are written --name value`);
  }
  const eq = arg.indexOf("=");
  const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
  const inline = eq < 0 ? undefined : arg.slice(eq + 1);
  const flag = spec.find((f) => f.name === name);
  if (flag) return { flag, negated: false, inline };
  const negatedFlag = spec.find((f) => f.type === "boolean" && `no-${f.name}` === name);
  if (negatedFlag) return { flag: negatedFlag, negated: true, inline };
  throw unknownFlag(spec, name);
}

function unknownFlag(spec: readonly Flag[], name: string): FlagError {
  const known = [...spec.map((flag) => flag.name), "help"];
  const closest = known.reduce((best, candidate) =>
    editDistance(name, candidate) < editDistance(name, best) ? candidate : best
  );
  const hint = editDistance(name, closest) <= 2 ? ` (did you mean --${closest}?)` : "";
  return new FlagError(`unknown flag --${name}${hint}`);
}

/** Levenshtein distance: the fewest insertions, deletions and substitutions from `a` to `b`. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length];
}

function booleanValue(flag: Flag, negated: boolean, inline: string | undefined): boolean {
  if (inline !== undefined) {
    throw new FlagError(`--${flag.name} takes no value: write --${flag.name} or --no-${flag.name}`);
  }
  return !negated;
}

/** Takes the argument after a flag as its value; another flag there means the value is missing. */
function nextValue(flag: Flag, queue: string[]): string {
  const value = queue.shift();
  if (value === undefined || value.startsWith("--")) throw new FlagError(`--${flag.name} needs a value`);
  return value;
}

const INT = /^[+-]?\d+$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function convert(flag: Flag, raw: string): number | string {
  const value = flag.type === "string" ? raw : toNumber(flag, raw);
  if (!isValid(flag, value)) throw new FlagError(`--${flag.name} must be ${expectation(flag)}, got "${raw}"`);
  return value;
}

/** The number `raw` spells, or NaN unless it is written as the flag's type requires. */
function toNumber(flag: Flag, raw: string): number {
  return (flag.type === "int" ? INT : NUMBER).test(raw) ? Number(raw) : NaN;
}

function isValid(flag: Flag, value: number | string): boolean {
  if (typeof value === "string") return !flag.choices || flag.choices.includes(value);
  const typed = flag.type === "int" ? Number.isSafeInteger(value) : Number.isFinite(value);
  return typed && value >= (flag.min ?? -Infinity) && value <= (flag.max ?? Infinity);
}

/** What a valid value looks like, e.g. "an integer ≥ 1". */
function expectation(flag: Flag): string {
  if (flag.choices) return `one of ${flag.choices.join(", ")}`;
  const kind = flag.type === "int" ? "an integer" : flag.type === "number" ? "a number" : "a string";
  return [kind, range(flag)].filter(Boolean).join(" ");
}

function range({ min, max }: Flag): string {
  if (min !== undefined && max !== undefined) return `between ${min} and ${max}`;
  if (min !== undefined) return `≥ ${min}`;
  if (max !== undefined) return `≤ ${max}`;
  return "";
}

function usage(flag: Flag): string {
  if (flag.type === "boolean") return `--[no-]${flag.name}`;
  return `--${flag.name} <${flag.choices ? flag.choices.join("|") : flag.type}>`;
}

function description(flag: Flag): string {
  const fallback = defaultOf(flag);
  const notes = [range(flag), fallback === undefined ? "" : `default: ${JSON.stringify(fallback)}`].filter(
    Boolean,
  );
  return notes.length ? `${flag.help} (${notes.join("; ")})` : flag.help;
}

/**
 * parseFlags for a CLI's main: prints the help and exits 0 when asked for it,
 * prints the FlagError and exits 2 on a mistake.
 */
export function parseCommandLine(
  command: string,
  summary: string,
  spec: readonly Flag[],
  args: readonly string[],
): Record<string, unknown> {
  try {
    const flags = parseFlags(spec, args);
    if (!flags.help) return flags;
    console.log(formatHelp(command, summary, spec));
    Deno.exit(0);
  } catch (e) {
    if (!(e instanceof FlagError)) throw e;
    console.error(`${command}: ${e.message}`);
    Deno.exit(2);
  }
}
