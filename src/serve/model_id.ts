/** What a model id looks like: the name in URLs, in the registry and in edge bundles. */
import * as z from "zod/mini";

export const MODEL_ID = z.string().check(z.regex(/^[a-z0-9._-]{1,100}$/));

/** The id for a folder or file name: lower case, with every other character a '-'. */
export function toModelId(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9._-]/g, "-").slice(0, 100);
}

/** The id of a training run's model, by its folder's name: "run-" first, so it cannot take a shipped model's. */
export function runModelId(run: string): string {
  return toModelId(`run-${run}`);
}
