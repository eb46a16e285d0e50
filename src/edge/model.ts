/**
 * A model an edge worker holds in memory: its checkpoint record, its
 * evaluation report and the generator's safetensors, all built into the
 * bundle, since an edge runtime has no file system to read them from.
 */
import { decodeTensors } from "../checkpoint/tensors.ts";
import type { KernelRuntime } from "../kernels/runtime.ts";
import { forwardGenerator } from "../sampling/forward.ts";
import type { LoadedModel } from "../serve/model_cache.ts";
import type { ModelEntry } from "../serve/registry.ts";
import type { RunRecord } from "../train/run_record.ts";

/** What src/edge/build.ts puts in the bundle for a model. */
export interface EdgeModelFiles {
  id: string;
  record: RunRecord;
  iterations: number;
  epoch: number;
  /** The report of `deno task eval`, where the model has one. */
  evaluation?: unknown;
  /** The generator's tensors in float16 safetensors. */
  weights: Uint8Array;
}

export interface EdgeModel {
  entry: ModelEntry;
  /** The generator, built from the bundled weights on first use: a cold start loads only the model it serves. */
  load(): LoadedModel;
  evaluation?: unknown;
}

/** The model of `files`, to sample on the kernels of `rt`. */
export function edgeModel(files: EdgeModelFiles, rt: KernelRuntime): EdgeModel {
  const { id, record, iterations, epoch, evaluation, weights } = files;
  // An edge model has no folders; the server's entry fields for them stay empty.
  const entry: ModelEntry = {
    id,
    source: "model",
    home: "",
    dir: "",
    record,
    iterations,
    epoch,
    modified: 0,
  };
  let loaded: LoadedModel | undefined;
  const load = () => {
    const tensors = decodeTensors(weights);
    return { entry, G: forwardGenerator(record.model, tensors, rt), weights: tensors };
  };
  return { entry, load: () => loaded ??= load(), evaluation };
}
