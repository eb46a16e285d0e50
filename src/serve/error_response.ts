/**
 * Every error as `{error}` JSON: a client's mistake with its status, anything
 * else a 500 whose detail stays in the server's log (a deployed server's
 * internals are not the client's to read); and 404s.
 */
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { HttpError } from "./http_error.ts";

export function errorResponse(e: Error, c: Context): Response {
  if (e instanceof HttpError) return c.json({ error: e.message }, e.status);
  if (e instanceof HTTPException) return e.getResponse();
  console.error(`serve: ${c.req.method} ${c.req.path}:`, e);
  return c.json({ error: "internal error; the server's log has the detail" }, 500);
}

export function notFoundResponse(c: Context): Response {
  return c.json({ error: `no route ${c.req.method} ${c.req.path}` }, 404);
}
