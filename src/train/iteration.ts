/**
 * One training iteration: `dUpdates - 1` discriminator updates alone, each on
 * the next real batch and fresh noise, then ganUpdate on one more batch: a
 * last D update and the G update on that same fake batch. A semi-supervised
 * run's iteration is its own (src/train/semi_supervised_iteration.ts).
 */
import * as tf from "@tensorflow/tfjs-core";
import type { Gan } from "./gan.ts";
import { penalties, type RunConfig } from "./run_config.ts";
import { type SemiSupervisedBatch, semiSupervisedIteration } from "./semi_supervised_iteration.ts";
import type { UpdateStats } from "./update_stats.ts";
import { type Batch, discriminatorUpdate, ganUpdate, type UpdateOptions } from "./updates.ts";

export async function iteration(gan: Gan, run: RunConfig, nextBatch: () => Batch): Promise<UpdateStats> {
  if (run.labels !== null) {
    const batch = nextBatch() as SemiSupervisedBatch;
    const stats = await semiSupervisedIteration(gan, batch, run.unlabelled);
    dispose(batch);
    return stats;
  }
  const options: UpdateOptions = {
    realTarget: run.realTarget,
    featureMatching: run.featureMatching,
    penalties: penalties(run),
    info: run.infoWeights,
  };
  for (let k = 1; k < run.dUpdates; k++) {
    const batch = nextBatch();
    await discriminatorUpdate(gan, batch, options);
    dispose(batch);
  }
  const batch = nextBatch();
  const stats = await ganUpdate(gan, batch, options);
  dispose(batch);
  return stats;
}

function dispose(batch: Batch): void {
  tf.dispose(Object.values(batch));
}
