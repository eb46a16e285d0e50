/** GET /api/models/:id/weights: the generator's tensors as safetensors, for sampling in the browser. */
import { Hono } from "hono";
import { encodeSafetensors } from "../src/checkpoint/safetensors.ts";
import type { ServerContext } from "../src/serve/context.ts";
import { requireModel } from "../src/serve/model_param.ts";

export function weightsRoute(ctx: ServerContext): Hono {
  return new Hono().get("/api/models/:id/weights", async (c) => {
    const { entry, weights } = await requireModel(c, ctx);
    const tensors = Object.fromEntries(
      Object.entries(weights).map((
        [name, { shape, data }],
      ) => [name, { dtype: "F32" as const, shape, data }]),
    );
    return c.body(encodeSafetensors(tensors) as Uint8Array<ArrayBuffer>, 200, {
      "content-type": "application/octet-stream",
      "content-disposition": `attachment; filename="${entry.id}.safetensors"`,
    });
  });
}
