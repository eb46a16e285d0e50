/**
 * Query parameters, checked by the CLI's flag parser against a Flag spec:
 * one set of rules (types, ranges, choices, unknown names) for flags and
 * queries, and the same spec describes the parameter in the OpenAPI document.
 */
import type { Context } from "hono";
import { type Flag, FlagError, parseFlags } from "../cli/flags.ts";
import { HttpError } from "./http_error.ts";

/** Each parameter's value, or its default; any mistake is a 400 that names the parameter. */
export function parseQuery(c: Context, spec: readonly Flag[]): Record<string, unknown> {
  const args = [...new URL(c.req.url).searchParams].map(([name, value]) => `--${name}=${value}`);
  try {
    return parseFlags(spec, args);
  } catch (e) {
    if (!(e instanceof FlagError)) throw e;
    // The parser speaks of --flags; a query has parameters.
    throw new HttpError(
      400,
      e.message.replace(/--(?=[a-z])/g, "").replace("unknown flag", "unknown parameter"),
    );
  }
}
