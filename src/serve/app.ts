/**
 * The Hono app: the routes of routes/, each a small app of its own, behind
 * the body limit, with the job routes behind the bearer token, and every
 * error answered as `{error}` JSON.
 */
import { Hono } from "hono";
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
import { errorResponse, notFoundResponse } from "./error_response.ts";
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
  app.notFound(notFoundResponse);
  app.onError(errorResponse);
  return app;
}
