/**
 * A command's flags, from its options schema (src/options): `--name value`
 * or `--name=value`, `--flag` / `--no-flag` for booleans, `-h` / `--help`.
 * node:util's parseArgs splits the arguments; the schema types and checks
 * them. Every mistake is an OptionError, printed with the flag's name.
 */
import { parseArgs } from "node:util";
import { OptionError, type Surface } from "../options/option_error.ts";
import {
  type OptionInfo,
  optionInfos,
  type OptionsSchema,
  parseOptions,
  range,
  unknownOption,
} from "../options/options.ts";
import type * as z from "zod/mini";

/** How a command line names options. */
export const FLAG_SURFACE: Surface = { noun: "flag", name: (name) => `--${name}` };

/** What `args` ask for instead of a run: help. */
export const HELP = "help";

/**
 * The flags that `args` gives, as written (strings, and booleans for boolean
 * options), without defaults; HELP if help was asked for.
 */
export function givenFlags(
  schema: OptionsSchema,
  args: readonly string[],
): Record<string, unknown> | typeof HELP {
  const infos = optionInfos(schema);
  const options = Object.fromEntries(
    infos.map(({ name, type }) => [name, { type: type === "boolean" ? "boolean" : "string" } as const]),
  );
  if (args.some((arg) => arg === "-h" || arg === "--help")) return HELP;
  try {
    const written = withBareValues(infos, args);
    const { values } = parseArgs({ args: written, options, strict: true, allowNegative: true });
    return values;
  } catch (e) {
    throw argumentError(schema, e as Error & { code?: string });
  }
}

/**
 * `--name` alone, for an option that takes a value but has a bare one (as
 * `--conditional` stands for `--conditional concat`), written out in full;
 * `--no-name` as its negated value.
 */
function withBareValues(infos: OptionInfo[], args: readonly string[]): string[] {
  return args.map((arg, i) => {
    const info = infos.find(({ name, bare }) => bare && (arg === `--${name}` || arg === `--no-${name}`));
    if (!info) return arg;
    if (arg === `--no-${info.name}`) return `--${info.name}=${info.negated}`;
    return info.enum?.includes(args[i + 1]) ? arg : `--${info.name}=${info.bare}`;
  });
}

/** parseArgs' complaints, in our words. */
function argumentError(schema: OptionsSchema, e: Error & { code?: string }): Error {
  const arg = e.message.match(/'(-[^' ]*)/)?.[1] ?? "";
  const name = arg.replace(/^-+/, "").replace(/=.*/, "");
  switch (e.code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return arg.startsWith("--")
        ? unknownOption(schema, name)
        : new OptionError(`unexpected argument "${arg}": flags are written --name value`);
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE": {
      const flag = name.replace(/^no-/, "");
      if (/does not take an argument/.test(e.message)) {
        return new OptionError(`{${flag}} takes no value: write --${flag} or --no-${flag}`);
      }
      const hint = /ambiguous/.test(e.message)
        ? ` (a value that starts with - is written --${name}=VALUE)`
        : "";
      return new OptionError(`{${name}} needs a value${hint}`);
    }
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL": {
      const positional = e.message.match(/'([^']*)'/)?.[1] ?? "";
      return new OptionError(`unexpected argument "${positional}": flags are written --name value`);
    }
    default:
      return e;
  }
}

/** The options that `args` gives, checked, with the schema's defaults; HELP if help was asked for. */
export function parseFlags<S extends OptionsSchema>(
  schema: S,
  args: readonly string[],
): z.output<S> | typeof HELP {
  const given = givenFlags(schema, args);
  return given === HELP ? HELP : parseOptions(schema, given, { strings: true });
}

/** Usage text: the summary, then every flag with its type, limits and default. */
export function formatHelp(command: string, summary: string, schema: OptionsSchema): string {
  const rows = [
    ...optionInfos(schema).map((info) => [usage(info), description(info)]),
    ["-h, --help", "show this help"],
  ];
  const width = Math.max(...rows.map(([left]) => left.length));
  const lines = rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`);
  return [`usage: ${command} [flags]`, "", summary, "", "flags:", ...lines].join("\n") + "\n";
}

function usage(info: OptionInfo): string {
  if (info.type === "boolean") return `--[no-]${info.name}`;
  if (info.bare) return `--[no-]${info.name} [${info.enum!.filter((v) => v !== info.negated).join("|")}]`;
  const type = info.type === "integer" ? "int" : info.type;
  return `--${info.name} <${info.enum ? info.enum.join("|") : type}>`;
}

function description(info: OptionInfo): string {
  const fallback = info.default === undefined ? "" : `default: ${JSON.stringify(info.default)}`;
  const notes = [range(info), fallback].filter(Boolean);
  return notes.length ? `${info.description ?? ""} (${notes.join("; ")})` : info.description ?? "";
}

/**
 * parseFlags for a command's main: prints the help and exits 0 when asked for
 * it, prints the mistake and exits 2 on one.
 */
export function parseCommandLine<S extends OptionsSchema>(
  command: string,
  summary: string,
  schema: S,
  args: readonly string[],
): z.output<S> {
  try {
    const flags = parseFlags(schema, args);
    if (flags !== HELP) return flags;
    console.log(formatHelp(command, summary, schema));
    Deno.exit(0);
  } catch (e) {
    exitOnOptionError(command, e);
  }
}

/** Prints an OptionError as the command's complaint and exits 2; any other error is rethrown. */
export function exitOnOptionError(command: string, e: unknown): never {
  if (!(e instanceof OptionError)) throw e;
  console.error(`${command}: ${e.render(FLAG_SURFACE)}`);
  Deno.exit(2);
}
