/**
 * A trained run as `deno task train` leaves it: DIR/checkpoint holds the
 * run's record (its flags, model config and class names) and the generator
 * to sample (see src/train/checkpointing.ts). A shipped model's folder
 * (models/<id>) is such a checkpoint itself.
 */
import { join } from "node:path";
import { loadWeights } from "../checkpoint/checkpoint.ts";
import type { Tensors } from "../checkpoint/tensors.ts";
import { assignNewVariables } from "../checkpoint/variables.ts";
import { kernelRuntime } from "../backend/select.ts";
import { buildDiscriminator, type Discriminator } from "../models/networks.ts";
import { Rng } from "../random.ts";
import { type Forward, forwardGenerator } from "../sampling/forward.ts";
import { readRunRecord, type RunRecord } from "../train/run_record.ts";

export interface TrainedRun {
  record: RunRecord;
  G: Forward;
  /** Iterations trained. */
  iterations: number;
  /** A semi-supervised run's discriminator: the classifier it trained. */
  D?: Discriminator;
}

export async function loadRun(dir: string): Promise<TrainedRun> {
  const run = join(dir, "checkpoint");
  const where = await Deno.stat(run).then(() => run, () => dir);
  const checkpoint = await loadWeights(where);
  const record = readRunRecord(checkpoint.config, where);
  return {
    record,
    G: forwardGenerator(record.model, checkpoint.weights, await kernelRuntime()),
    iterations: checkpoint.state.iterations,
    ...(record.model.classifies ? { D: loadDiscriminator(record.model, checkpoint) } : {}),
  };
}

function loadDiscriminator(model: RunRecord["model"], { weights }: { weights: Tensors }): Discriminator {
  const D = buildDiscriminator(model, Rng.seeded(0)); // the random initial values are overwritten at once
  assignNewVariables(D.params.all(), weights);
  return D;
}
