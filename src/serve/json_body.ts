/** Request bodies: capped in size, parsed as JSON, checked against their schema. */
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type * as z from "zod/mini";
import { HttpError } from "./http_error.ts";

export const MAX_BODY = 64 * 1024;
/** Images to classify or translate: 256 of 28x28 pixels as full-precision JSON numbers take about 3.8 MB. */
export const MAX_IMAGES_BODY = 4 * 1024 * 1024;

/** Answers 413 to a body over its limit (MAX_BODY; MAX_IMAGES_BODY for images), before any route reads it. */
export function limitBody(): MiddlewareHandler {
  const [small, images] = [MAX_BODY, MAX_IMAGES_BODY].map((maxSize) =>
    bodyLimit({
      maxSize,
      onError: (c) => c.json({ error: `the body is over the limit of ${maxSize} bytes` }, 413),
    })
  );
  return (c, next) => (/\/(classify|translate)$/.test(c.req.path) ? images : small)(c, next);
}

export async function readJson(c: Context): Promise<unknown> {
  const text = await c.req.text();
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new HttpError(400, `the body must be JSON: ${(e as Error).message}`);
  }
}

/**
 * `body` as `schema` reads it, or a 400 naming the first wrong field by its
 * path: "terms[0].sign must be 1 or -1", with the schema's "must be ..." messages.
 */
export function parseBody<S extends z.ZodMiniType>(schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const { issues } = result.error;
  const issue = issues.find((issue) => issue.code === "unrecognized_keys") ?? issues[0];
  const field =
    issue.path.map((key, i) => typeof key === "number" ? `[${key}]` : i ? `.${String(key)}` : String(key))
      .join("") || "the body";
  if (issue.code === "unrecognized_keys") {
    throw new HttpError(400, `unknown field "${issue.keys[0]}"${field === "the body" ? "" : ` in ${field}`}`);
  }
  throw new HttpError(400, `${field} ${issue.message}`);
}
