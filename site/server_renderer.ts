/** Samples as the server's PNGs: the fallback where in-browser sampling cannot start. */
import { type ModelInfo, request } from "./api.ts";
import { queryOf } from "./picture.ts";
import type { Renderer } from "./renderer.ts";

export function serverRenderer(model: ModelInfo): Renderer {
  const picture = async (
    url: string,
    query: Record<string, string | number | undefined>,
    init?: RequestInit,
  ) => {
    const png = await (await request(`${url}?${queryOf(query)}`, init)).blob();
    return createImageBitmap(png, { colorSpaceConversion: "none" });
  };
  return {
    engine: "on the server",
    grid: (query) => picture(model.links.samples, { ...query }),
    strip: (query) => picture(model.links.interpolate, { ...query }),
    arithmetic: ({ terms, ...query }) =>
      picture(model.links.arithmetic, query, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ terms }),
      }),
  };
}
