/**
 * Query parameters, checked against their options schema (src/options): the
 * same rules as the command line's flags, with mistakes in a query's words.
 */
import type { Context } from "hono";
import type * as z from "zod/mini";
import { OptionError, type Surface } from "../options/option_error.ts";
import { type OptionsSchema, parseOptions } from "../options/options.ts";
import { HttpError } from "./http_error.ts";

const QUERY_SURFACE: Surface = { noun: "parameter", name: (name) => name };

/** Each parameter's value, or its default; any mistake, a parameter given twice too, is a 400 that names it. */
export function parseQuery<S extends OptionsSchema>(c: Context, schema: S): z.output<S> {
  const params = new Map<string, string>();
  for (const [name, value] of new URL(c.req.url).searchParams) {
    if (params.has(name)) throw new HttpError(400, `parameter ${name} is given more than once`);
    params.set(name, value);
  }
  const values = Object.fromEntries(params);
  try {
    return parseOptions(schema, values, { strings: true });
  } catch (e) {
    if (e instanceof OptionError) throw new HttpError(400, e.render(QUERY_SURFACE));
    throw e;
  }
}
