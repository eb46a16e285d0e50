/**
 * Training jobs (bearer token required, see routes/app.ts):
 *   GET    /api/jobs      every job of this server, newest first
 *   POST   /api/jobs      starts one; the body holds `deno task train`'s options as JSON
 *   GET    /api/jobs/:id  its status
 *   DELETE /api/jobs/:id  stops it, keeping its last checkpoint
 */
import { Hono } from "hono";
import type { ServerContext } from "../src/serve/context.ts";
import { requireJob } from "../src/serve/job_param.ts";
import { parseJobOptions } from "../src/serve/job_options.ts";
import { readJson } from "../src/serve/json_body.ts";

export function jobsRoutes(ctx: ServerContext): Hono {
  return new Hono()
    .get("/api/jobs", (c) => c.json({ jobs: ctx.jobs.list().map((job) => job.view()) }))
    .post("/api/jobs", async (c) => {
      const request = await parseJobOptions(await readJson(c), ctx.dataRoot);
      return c.json(ctx.jobs.start(request).view(), 201);
    })
    .get("/api/jobs/:id", (c) => c.json(requireJob(c, ctx).view()))
    .delete("/api/jobs/:id", async (c) => {
      const job = requireJob(c, ctx);
      await job.stop();
      return c.json(job.view());
    });
}
