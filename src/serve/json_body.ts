/** Request bodies: capped in size, parsed as JSON, checked for unknown fields. */
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HttpError } from "./http_error.ts";

export const MAX_BODY = 64 * 1024;

/** Answers 413 to a body over MAX_BODY bytes, before any route reads it. */
export function limitBody(): MiddlewareHandler {
  return bodyLimit({
    maxSize: MAX_BODY,
    onError: (c) => c.json({ error: `the body is over the limit of ${MAX_BODY} bytes` }, 413),
  });
}

export async function readJson(c: Context): Promise<unknown> {
  const text = await c.req.text();
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new HttpError(400, `the body must be JSON: ${(e as Error).message}`);
  }
}

/** `value` (`what` in errors) as an object with only the keys in `allowed`. */
export function jsonObject(
  value: unknown,
  allowed: readonly string[],
  what = "the body",
): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new HttpError(400, `${what} must be a JSON object`);
  }
  const unknown = Object.keys(value).find((key) => !allowed.includes(key));
  if (unknown !== undefined) {
    throw new HttpError(400, `unknown field "${unknown}" in ${what}: expected ${allowed.join(", ")}`);
  }
  return value as Record<string, unknown>;
}
