/**
 * A trained run as `deno task train` leaves it: DIR/checkpoint holds the
 * run's record (its flags, model config and class names) and the generator
 * to sample (see src/train/checkpointing.ts).
 */
import { join } from "node:path";
import { loadCheckpoint } from "../checkpoint/checkpoint.ts";
import type { Generator } from "../models/gan.ts";
import { loadGenerator } from "../sampling/generator.ts";
import type { RunRecord } from "../train/checkpointing.ts";

export interface TrainedRun {
  record: RunRecord;
  G: Generator;
  /** Iterations trained. */
  step: number;
}

export async function loadRun(dir: string): Promise<TrainedRun> {
  const checkpoint = await loadCheckpoint(join(dir, "checkpoint"));
  const record = checkpoint.config as unknown as RunRecord;
  return { record, G: loadGenerator(record.model, checkpoint.weights), step: checkpoint.state.step };
}
