/**
 * One training iteration: `dSteps - 1` discriminator steps alone, each on the
 * next real batch and fresh noise, then trainStep on one more batch: a last
 * D step and the G step on that same fake batch.
 */
import * as tf from "@tensorflow/tfjs-core";
import type { Gan } from "./gan.ts";
import { penalties, type RunConfig } from "./run_config.ts";
import { type Batch, discriminatorStep, type StepOptions, type StepStats, trainStep } from "./step.ts";

export async function iteration(gan: Gan, run: RunConfig, nextBatch: () => Batch): Promise<StepStats> {
  const options: StepOptions = {
    realTarget: run.realTarget,
    featureMatching: run.featureMatching,
    penalties: penalties(run),
    info: run.infoWeights,
  };
  for (let k = 1; k < run.dSteps; k++) {
    const batch = nextBatch();
    await discriminatorStep(gan, batch, options);
    dispose(batch);
  }
  const batch = nextBatch();
  const stats = await trainStep(gan, batch, options);
  dispose(batch);
  return stats;
}

function dispose(batch: Batch): void {
  tf.dispose(Object.values(batch));
}
