/**
 * A model an edge worker holds in memory: its checkpoint record and the
 * generator's safetensors, both built into the bundle, since an edge
 * runtime has no file system to read a checkpoint from.
 */
import { decodeSafetensors } from "../checkpoint/safetensors.ts";
import type { Tensors } from "../checkpoint/checkpoint.ts";
import { loadGenerator } from "../sampling/generator.ts";
import type { LoadedModel } from "../serve/model_cache.ts";
import type { ModelEntry } from "../serve/registry.ts";
import type { RunRecord } from "../train/run_record.ts";

/** What scripts/build_edge.ts puts in the bundle for a model. */
export interface EdgeModelFiles {
  id: string;
  record: RunRecord;
  step: number;
  epoch: number;
  /** The generator's float32 tensors, as GET /api/models/:id/weights serves them. */
  weights: Uint8Array;
}

export function loadEdgeModel({ id, record, step, epoch, weights }: EdgeModelFiles): LoadedModel {
  // An edge model has no folders; the server's entry fields for them stay empty.
  const entry: ModelEntry = { id, source: "model", home: "", dir: "", record, step, epoch, modified: 0 };
  const tensors = float32Tensors(weights);
  return { entry, G: loadGenerator(record.model, tensors), weights: tensors };
}

function float32Tensors(bytes: Uint8Array): Tensors {
  const { tensors } = decodeSafetensors(bytes);
  return Object.fromEntries(
    Object.entries(tensors).map(([name, { dtype, shape, data }]) => {
      if (dtype !== "F32") throw new Error(`edge model tensor ${name} is ${dtype}, not F32`);
      return [name, { shape, data: data as Float32Array }];
    }),
  );
}
