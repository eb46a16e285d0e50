/**
 * The NaN guard: a run whose losses or weights stop being finite has diverged
 * and cannot recover, so it stops before a checkpoint could save the damage.
 */
import * as tf from "@tensorflow/tfjs-core";

export class TrainingDiverged extends Error {
  override name = "TrainingDiverged";
}

export interface Losses {
  lossD: number;
  lossG: number;
}

/** Throws, naming the iteration and the loss, unless both losses are finite. */
export function checkLosses({ lossD, lossG }: Losses, iteration: number): void {
  for (const [name, value] of [["D", lossD], ["G", lossG]] as const) {
    if (!Number.isFinite(value)) {
      throw new TrainingDiverged(`iteration ${iteration}: the ${name} loss is ${value}`);
    }
  }
}

/**
 * Throws unless every variable is finite. An iteration's losses are computed
 * before its updates, so the weights can break one iteration before the
 * losses show it.
 */
export async function checkWeights(variables: Iterable<tf.Variable>, iteration: number): Promise<void> {
  // A sum is NaN or infinite when any term is (or when the weights are
  // beyond 1e38, which is divergence too): one number to read per variable.
  const sums = tf.tidy(() => tf.stack([...variables].map((v) => tf.sum(v))));
  const values = await sums.data();
  sums.dispose();
  if (!values.every(Number.isFinite)) {
    throw new TrainingDiverged(`iteration ${iteration}: the weights are no longer finite`);
  }
}
