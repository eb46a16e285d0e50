/**
 * The edge worker's Hono app: the server's model routes on the models held
 * in memory, with its body limit and error answers. Nothing here touches a
 * file system or a runtime's own API.
 */
import { Hono } from "hono";
import { modelRoutes } from "../../routes/model_routes.ts";
import { errorResponse, notFoundResponse } from "../serve/error_response.ts";
import { limitBody } from "../serve/json_body.ts";
import type { ModelSource } from "../serve/model_source.ts";
import type { EdgeModel } from "./model.ts";

export function memorySource(models: EdgeModel[]): ModelSource {
  const entries = models.map((model) => model.entry);
  const find = (entry: { id: string }) => models.find((model) => model.entry.id === entry.id)!;
  return {
    registry: {
      list: () => Promise.resolve(entries),
      find: (id) => Promise.resolve(entries.find((entry) => entry.id === id)),
    },
    models: { load: (entry) => Promise.resolve(find(entry).load()) },
    evaluation: (entry) => Promise.resolve(find(entry).evaluation),
  };
}

export function createEdgeApp(source: ModelSource): Hono {
  const app = new Hono();
  app.on("POST", "*", limitBody());
  app.route("/", modelRoutes(source));
  app.notFound(notFoundResponse);
  app.onError(errorResponse);
  return app;
}
