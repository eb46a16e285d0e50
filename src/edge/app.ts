/**
 * The edge worker's Hono app: the server's sampling routes (model list,
 * samples, interpolation) on models held in memory, with the server's
 * error answers. Nothing here touches a file system or a runtime's own API.
 */
import { Hono } from "hono";
import { interpolateRoute } from "../../routes/interpolate.ts";
import { samplesRoute } from "../../routes/samples.ts";
import type { LoadedModel } from "../serve/model_cache.ts";
import { type ModelSource, requireEntry } from "../serve/model_param.ts";
import { modelView } from "../serve/model_view.ts";
import { errorResponse, notFoundResponse } from "../serve/error_response.ts";

export function memorySource(loaded: LoadedModel[]): ModelSource {
  const entries = loaded.map(({ entry }) => entry);
  return {
    registry: {
      list: () => Promise.resolve(entries),
      find: (id) => Promise.resolve(entries.find((entry) => entry.id === id)),
    },
    models: { load: (entry) => Promise.resolve(loaded.find((model) => model.entry === entry)!) },
  };
}

export function createEdgeApp(source: ModelSource): Hono {
  const app = new Hono()
    .get(
      "/api/models",
      async (c) => c.json({ models: (await source.registry.list()).map((e) => modelView(e)) }),
    )
    .get("/api/models/:id", async (c) => c.json(modelView(await requireEntry(c, source))));
  app.route("/", samplesRoute(source));
  app.route("/", interpolateRoute(source));
  app.notFound(notFoundResponse);
  app.onError(errorResponse);
  return app;
}
