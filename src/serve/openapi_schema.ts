/** A Flag spec (CLI flag, query parameter or job option) as an OpenAPI 3.1 / JSON Schema. */
import type { Flag } from "../cli/flags.ts";

const TYPES: Record<Flag["type"], string> = {
  int: "integer",
  number: "number",
  string: "string",
  boolean: "boolean",
};

export function flagSchema(
  { type, default: fallback, choices, min, max, help }: Flag,
): Record<string, unknown> {
  return {
    type: TYPES[type],
    ...(choices ? { enum: choices } : {}),
    ...(min !== undefined ? { minimum: min } : {}),
    ...(max !== undefined ? { maximum: max } : {}),
    ...(fallback !== undefined ? { default: fallback } : {}),
    description: help,
  };
}

/** The flags as query parameters. */
export function queryParameters(spec: readonly Flag[]): Record<string, unknown>[] {
  return spec.map((flag) => ({ name: flag.name, in: "query", required: false, schema: flagSchema(flag) }));
}
