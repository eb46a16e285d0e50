/** Class labels as conditional networks take them. */
import * as tf from "@tensorflow/tfjs-core";

export function oneHot(labels: ArrayLike<number>, classes: number): tf.Tensor2D {
  const out = new Float32Array(labels.length * classes);
  for (let i = 0; i < labels.length; i++) out[i * classes + labels[i]] = 1;
  return tf.tensor2d(out, [labels.length, classes]);
}
