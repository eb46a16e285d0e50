/** The demo site: GET / and the files of its build, by exact path. */
import { Hono } from "hono";
import type { ServerContext } from "../src/serve/context.ts";

export function siteRoute({ site }: ServerContext): Hono {
  return new Hono().get("*", (c, next) => {
    const file = site.get(c.req.path === "/" ? "/index.html" : c.req.path);
    if (!file) return next();
    return c.body(file.body as Uint8Array<ArrayBuffer>, 200, {
      "content-type": file.type,
      "cache-control": "no-cache",
    });
  });
}
