/**
 * Options described once, as a zod object schema whose keys are their names:
 * a command's flags, a route's query parameters, a job's JSON fields. Values
 * come in as strings (argv, queries) or as JSON; every mistake becomes an
 * OptionError naming the option. Each option's type, limits, default and
 * description, as JSON Schema states them, feed help texts and OpenAPI.
 */
import * as z from "zod/mini";
import { MAX_SEED } from "../random.ts";
import { OptionError } from "./option_error.ts";

export type OptionsSchema = z.ZodMiniObject;

/** An option: `schema` described by `help`, with `fallback` where none is given, else optional. */
export function option<T extends z.ZodMiniType>(schema: T, help: string): z.ZodMiniOptional<T>;
export function option<T extends z.ZodMiniType>(
  schema: T,
  help: string,
  fallback: z.output<T>,
): z.ZodMiniDefault<T>;
export function option<T extends z.ZodMiniType>(schema: T, help: string, fallback?: z.output<T>) {
  const described = schema.check(z.describe(help)) as T;
  return fallback === undefined ? z.optional(described) : z._default(described, fallback as never);
}

/** An integer from `min` to `max` (inclusive; either may be left open). */
export const int = (min?: number, max?: number) => z.int().check(...bounds(min, max));

/** Whole numbers ≥ 1 separated by commas, as "20,50,100"; the caller splits them. */
export const countList = (what: string) =>
  z.string().check(
    z.regex(/^[1-9]\d*(,[1-9]\d*)*$/, `must be ${what} (whole numbers ≥ 1) separated by commas`),
  );

/** Numbers separated by commas, as "0.5,-1"; the caller splits them. */
export const numberList = (example: string) =>
  z.string().check(
    z.regex(
      new RegExp(`^${NUMBER}(,${NUMBER})*$`, "i"),
      `must be numbers separated by commas, e.g. ${example}`,
    ),
    // The pattern allows exponents, so "1e999" passes it as Infinity.
    z.refine((list) => list.split(",").every((n) => Number.isFinite(Number(n))), {
      error: `must be finite numbers, e.g. ${example}`,
    }),
  );

/** Some of `names`, separated by commas; the caller splits them. */
export const nameList = (names: readonly string[]) =>
  z.string().check(
    z.refine((list) => list.split(",").every((name) => names.includes(name)), {
      error: `must be some of ${names.join(", ")}, separated by commas`,
    }),
  );

/** A finite number from `min` to `max` (inclusive; either may be left open). */
export const number = (min?: number, max?: number) => z.number().check(...bounds(min, max));

const SEED_RANGE = { error: `must be an integer from 0 to ${MAX_SEED}` };
/** A seed of Rng.seeded, in every flag, query and body that takes one. */
export const SEED = z.int(SEED_RANGE).check(z.minimum(0, SEED_RANGE), z.maximum(MAX_SEED, SEED_RANGE));

/** A finite number above 0, as a learning rate is: at 0 a run trains nothing. */
export const positive = () => z.number().check(z.positive());

function bounds(min?: number, max?: number) {
  return [...(min === undefined ? [] : [z.minimum(min)]), ...(max === undefined ? [] : [z.maximum(max)])];
}

/** One option as JSON Schema describes it. */
export interface OptionInfo {
  name: string;
  type: "integer" | "number" | "string" | "boolean";
  enum?: readonly (string | number)[];
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  default?: unknown;
  description?: string;
  /** The value a command line's bare `--name` stands for, and that of `--no-name` (z.meta). */
  bare?: string;
  negated?: string;
}

/** The options of `schema`, in order, as JSON Schema describes what they take. */
export function optionInfos(schema: OptionsSchema): OptionInfo[] {
  // Every query and job body is parsed against its schema: describe each schema once.
  let infos = described.get(schema);
  if (!infos) described.set(schema, infos = describe(schema));
  return infos;
}

const described = new WeakMap<OptionsSchema, OptionInfo[]>();

function describe(schema: OptionsSchema): OptionInfo[] {
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });
  const properties = json.properties as Record<string, Omit<OptionInfo, "name">>;
  return Object.entries(properties).map(([name, property]) => {
    const info: OptionInfo = { name, ...property };
    // zod states an integer's safe-integer bounds; they are no limit a person sets.
    if (Math.abs(info.minimum ?? 0) >= Number.MAX_SAFE_INTEGER) delete info.minimum;
    if (Math.abs(info.maximum ?? 0) >= Number.MAX_SAFE_INTEGER) delete info.maximum;
    return info;
  });
}

/** A number as an option's string writes it: 2, -0.5, .5, 1e-3. */
const NUMBER = String.raw`[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?`;
const ONE_NUMBER = new RegExp(`^${NUMBER}$`, "i");

/** A value given as a string, as an option of `type` takes it: a number where it is a number. */
function fromString(type: OptionInfo["type"] | undefined, value: unknown): unknown {
  const numeric = type === "integer" || type === "number";
  return numeric && typeof value === "string" && ONE_NUMBER.test(value) ? Number(value) : value;
}

/**
 * `values` checked against `schema`, with its defaults filled in; the first
 * mistake as an OptionError. With `strings`, values written as strings (a
 * command line, a query) are read as the numbers their options take.
 */
export function parseOptions<S extends OptionsSchema>(
  schema: S,
  values: Record<string, unknown>,
  { strings = false } = {},
): z.output<S> {
  const infos = new Map(optionInfos(schema).map((info) => [info.name, info]));
  const unknown = Object.keys(values).find((name) => !infos.has(name));
  if (unknown !== undefined) throw unknownOption(schema, unknown);
  const typed = strings
    ? Object.fromEntries(
      Object.entries(values).map(([name, v]) => [name, fromString(infos.get(name)?.type, v)]),
    )
    : values;
  const result = schema.safeParse(typed);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const name = String(issue.path[0]);
  const info = infos.get(name);
  if (!info) throw new OptionError(issue.message);
  if (values[name] === undefined) throw new OptionError(`{${name}} is required: ${info.description ?? ""}`);
  // A string's pattern or test carries its own words: "must be numbers separated by commas".
  if (issue.code === "invalid_format" || issue.code === "custom") {
    throw new OptionError(`{${name}} ${issue.message}, got ${JSON.stringify(values[name])}`);
  }
  throw new OptionError(`{${name}} must be ${expectation(info)}, got ${JSON.stringify(values[name])}`);
}

/** The error for an option `schema` does not have, with the closest one it has if any is close. */
export function unknownOption(schema: OptionsSchema, name: string): OptionError {
  const infos = optionInfos(schema);
  const closest = infos.reduce(
    (best, { name: candidate }) =>
      editDistance(name, candidate) < editDistance(name, best) ? candidate : best,
    infos[0]?.name ?? "",
  );
  const hint = editDistance(name, closest) <= 2 ? ` (did you mean {${closest}}?)` : "";
  return new OptionError(`unknown {option} {${name}}${hint}`);
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

/** What a valid value looks like, e.g. "an integer ≥ 1". */
export function expectation(info: OptionInfo): string {
  if (info.enum) return `one of ${info.enum.join(", ")}`;
  const kinds = { integer: "an integer", number: "a number", string: "a string", boolean: "true or false" };
  return [kinds[info.type], range(info)].filter(Boolean).join(" ");
}

export function range({ minimum, exclusiveMinimum, maximum }: OptionInfo): string {
  if (minimum !== undefined && maximum !== undefined) return `between ${minimum} and ${maximum}`;
  if (minimum !== undefined) return `≥ ${minimum}`;
  if (exclusiveMinimum !== undefined) return `> ${exclusiveMinimum}`;
  if (maximum !== undefined) return `≤ ${maximum}`;
  return "";
}
