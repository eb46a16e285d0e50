/** The job a request's `:id` names, or a 404. */
import type { Context } from "hono";
import type { ServerContext } from "./context.ts";
import { HttpError } from "./http_error.ts";
import type { Job } from "./jobs.ts";

export function requireJob(c: Context, { jobs }: ServerContext): Job {
  const id = c.req.param("id") ?? "";
  const job = jobs.get(id);
  if (!job) throw new HttpError(404, `unknown job ${JSON.stringify(id)}: GET /api/jobs lists them`);
  return job;
}
