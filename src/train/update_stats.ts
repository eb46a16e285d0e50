/** What one training iteration reports, for metrics.jsonl and the progress line, and how it is read. */
import * as tf from "@tensorflow/tfjs-core";

export interface DStats {
  lossD: number;
  /** D's mean judgement of real and of generated samples: probabilities, or a least-squares D's scores (CycleGAN). */
  dReal: number;
  dFake: number;
}

export interface UpdateStats extends DStats {
  lossG: number;
}

/** A D's mean probability that `logits`' samples are real. */
export const meanSigmoid = (logits: tf.Tensor) => tf.mean(tf.sigmoid(logits));

/** The values of scalar tensors, read together; the tensors are disposed. */
export async function readScalars(tensors: tf.Tensor[]): Promise<number[]> {
  const values = await Promise.all(tensors.map((t) => t.data()));
  tf.dispose(tensors);
  return values.map((v) => v[0]);
}
