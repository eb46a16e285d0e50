/**
 * A model an edge worker holds in memory: its checkpoint record, its
 * evaluation report and the generator's safetensors, all built into the
 * bundle (the weights in its data module), since an edge runtime has no file
 * system to read them from.
 */
import { decodeTensors } from "../checkpoint/tensors.ts";
import type { KernelRuntime } from "../kernels/runtime.ts";
import { forwardGenerator } from "../sampling/forward.ts";
import type { LoadedModel } from "../serve/model_cache.ts";
import type { ModelEntry } from "../serve/model_entry.ts";
import type { RunRecord } from "../train/run_record.ts";

/** What src/edge/build.ts puts in the bundle for a model. */
export interface EdgeModelFiles {
  id: string;
  record: RunRecord;
  iterations: number;
  epoch: number;
  /** The checkpoint's config.json's modification time, as the server's entries have it: the weights' ETag. */
  modified: number;
  /** The report of `deno task eval`, where the model has one. */
  evaluation?: unknown;
  /** Where the generator's tensors, float16 safetensors, lie in the bundle's weights. */
  weights: { offset: number; length: number };
}

export interface EdgeModel {
  entry: ModelEntry;
  /** The generator, built from the bundled weights on first use: a cold start loads only the model it serves. */
  load(): LoadedModel;
  evaluation?: unknown;
}

/** The model of `files`, its weights in `bundled`, to sample on the kernels of `rt`. */
export function edgeModel(files: EdgeModelFiles, bundled: Uint8Array, rt: KernelRuntime): EdgeModel {
  const { id, record, iterations, epoch, modified, evaluation, weights: { offset, length } } = files;
  // An edge model has no folders; the server's entry fields for them stay empty.
  const entry: ModelEntry = {
    id,
    origin: "shipped",
    home: "",
    dir: "",
    record,
    iterations,
    epoch,
    modified,
  };
  let loaded: LoadedModel | undefined;
  const load = () => {
    const tensors = decodeTensors(bundled.subarray(offset, offset + length));
    return { entry, G: forwardGenerator(record.model, tensors, rt), weights: tensors };
  };
  return { entry, load: () => loaded ??= load(), evaluation };
}
