import type { LoadedModel } from "./model_cache.ts";
import type { Entry, ModelEntry } from "./model_entry.ts";

/**
 * Where the model routes find models: the server's folders (registry, cache
 * and evaluation reports), or an edge worker's models held in memory. The
 * routes touch no file system; only the source does.
 */
export interface ModelSource {
  registry: { list(): Promise<Entry[]>; find(id: string): Promise<Entry | undefined> };
  models: { load(entry: ModelEntry): Promise<LoadedModel> };
  /** The report `deno task eval` wrote for a model, if there is one. */
  evaluation(entry: Entry): Promise<unknown>;
}
