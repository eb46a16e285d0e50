/**
 * The Hono app: the routes of routes/, each a small app of its own, behind
 * the body limit, with the job routes behind the bearer token, and every
 * error answered as `{error}` JSON.
 */
import { Hono } from "hono";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { arithmeticRoute } from "../../routes/arithmetic.ts";
import { healthRoute } from "../../routes/health.ts";
import { interpolateRoute } from "../../routes/interpolate.ts";
import { jobEventsRoute } from "../../routes/job_events.ts";
import { jobsRoutes } from "../../routes/jobs.ts";
import { modelsRoutes } from "../../routes/models.ts";
import { openapiRoute } from "../../routes/openapi.ts";
import { samplesRoute } from "../../routes/samples.ts";
import { siteRoute } from "../../routes/site.ts";
import { weightsRoute } from "../../routes/weights.ts";
import { requireToken } from "./auth.ts";
import type { ServerContext } from "./context.ts";
import { HttpError } from "./http_error.ts";
import { limitBody } from "./json_body.ts";

const ROUTES = [
  healthRoute,
  openapiRoute,
  modelsRoutes,
  weightsRoute,
  samplesRoute,
  interpolateRoute,
  arithmeticRoute,
  jobsRoutes,
  jobEventsRoute,
  siteRoute,
];

export function createApp(ctx: ServerContext): Hono {
  const app = new Hono();
  // Only POST routes read bodies; limiting others would only make Deno copy their requests.
  app.on("POST", "*", limitBody());
  const auth = requireToken(ctx.token);
  app.use("/api/jobs", auth);
  app.use("/api/jobs/*", auth);
  for (const route of ROUTES) app.route("/", route(ctx));
  app.notFound((c) => c.json({ error: `no route ${c.req.method} ${c.req.path}` }, 404));
  app.onError(errorResponse);
  return app;
}

function errorResponse(e: Error, c: Context): Response {
  if (e instanceof HttpError) return c.json({ error: e.message }, e.status);
  if (e instanceof HTTPException) return e.getResponse();
  console.error(`serve: ${c.req.method} ${c.req.path}:`, e);
  return c.json({ error: `internal error: ${e.message}` }, 500);
}
