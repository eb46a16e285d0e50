/**
 * The routes over models, on any ModelSource: the server mounts them over
 * its folders, an edge worker over the models in its bundle.
 */
import { Hono } from "hono";
import type { ModelSource } from "../src/serve/model_source.ts";
import { arithmeticRoute } from "./arithmetic.ts";
import { interpolateRoute } from "./interpolate.ts";
import { modelsRoutes } from "./models.ts";
import { samplesRoute } from "./samples.ts";
import { weightsRoute } from "./weights.ts";

export function modelRoutes(source: ModelSource): Hono {
  const app = new Hono();
  for (const route of [modelsRoutes, weightsRoute, samplesRoute, interpolateRoute, arithmeticRoute]) {
    app.route("/", route(source));
  }
  return app;
}
