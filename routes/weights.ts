/** GET /api/models/:id/weights: the generator's tensors as safetensors, for sampling in the browser. */
import { Hono } from "hono";
import { encodeTensors } from "../src/checkpoint/tensors.ts";
import { requireModel } from "../src/serve/model_param.ts";
import type { ModelSource } from "../src/serve/model_source.ts";

export function weightsRoute(ctx: ModelSource): Hono {
  return new Hono().get("/api/models/:id/weights", async (c) => {
    const { entry, weights } = await requireModel(c, ctx);
    return c.body(encodeTensors(weights) as Uint8Array<ArrayBuffer>, 200, {
      "content-type": "application/octet-stream",
      "content-disposition": `attachment; filename="${entry.id}.safetensors"`,
    });
  });
}
