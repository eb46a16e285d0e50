/**
 * The Hono app: the routes of this folder, each a small app of its own, behind
 * the body limit, counted for /metrics, with sampling behind its bounded
 * queue, the job routes behind the bearer token, and every error answered as
 * `{error}` JSON. A route's own query and body schemas are declared in its
 * file; those that several routes, or the jobs, share live in src/serve.
 */
import { Hono } from "hono";
import { classifyRoute } from "./classify.ts";
import { healthRoute } from "./health.ts";
import { jobEventsRoute } from "./job_events.ts";
import { jobsRoutes } from "./jobs.ts";
import { metricsRoute } from "./metrics.ts";
import { modelRoutes } from "./model_routes.ts";
import { openapiRoute } from "./openapi.ts";
import { siteRoute } from "./site.ts";
import { translateRoute } from "./translate.ts";
import { requireToken } from "../src/serve/auth.ts";
import type { ServerContext } from "../src/serve/context.ts";
import { errorResponse, notFoundResponse } from "../src/serve/error_response.ts";
import { limitBody } from "../src/serve/json_body.ts";

const ROUTES = [
  healthRoute,
  metricsRoute,
  openapiRoute,
  modelRoutes,
  classifyRoute,
  translateRoute,
  jobsRoutes,
  jobEventsRoute,
  siteRoute,
];
/** The routes that run a network, whose work goes through the sampling queue. */
const SAMPLING = [
  "/api/models/:id/samples",
  "/api/models/:id/interpolate",
  "/api/models/:id/arithmetic",
  "/api/models/:id/classify",
  "/api/models/:id/translate",
];

export function createApp(ctx: ServerContext): Hono {
  const app = new Hono();
  app.use("*", ctx.metrics.middleware());
  // Only POST routes read bodies; limiting others would only make Deno copy their requests.
  app.on("POST", "*", limitBody());
  for (const path of SAMPLING) app.use(path, ctx.admission.middleware());
  const auth = requireToken(ctx.token);
  app.use("/api/jobs", auth);
  app.use("/api/jobs/*", auth);
  for (const route of ROUTES) app.route("/", route(ctx));
  app.notFound(notFoundResponse);
  app.onError(errorResponse);
  return app;
}
