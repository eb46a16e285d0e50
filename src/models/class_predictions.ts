/**
 * Reading classes off a network: a semi-supervised D's class probabilities,
 * each row's most probable class, and how often that is the label.
 */
import * as tf from "@tensorflow/tfjs-core";
import type { Discriminator } from "./networks.ts";

/** Images per call, to bound memory. */
const BATCH = 1000;

/** D's class probabilities [n, classes] for the `n` images of `x`, in inference mode. */
export async function classProbabilities(
  D: Discriminator,
  x: Float32Array,
  n: number,
  shape: number[],
): Promise<Float32Array> {
  const size = x.length / n, out: Float32Array[] = [];
  for (let first = 0; first < n; first += BATCH) {
    const count = Math.min(BATCH, n - first);
    const p = tf.tidy(() => {
      const images = tf.tensor(x.subarray(first * size, (first + count) * size), [count, ...shape]);
      return tf.softmax(D.classify!(D.features(images, undefined, false), false));
    });
    out.push(await p.data() as Float32Array);
    p.dispose();
  }
  const probs = new Float32Array(out.reduce((sum, part) => sum + part.length, 0));
  out.reduce((at, part) => (probs.set(part, at), at + part.length), 0);
  return probs;
}

/** The most probable class of each of the `n` rows of `probs` ([n, classes]). */
export function argmax(probs: Float32Array, classes: number): Int32Array {
  const n = probs.length / classes;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let k = 1; k < classes; k++) if (probs[i * classes + k] > probs[i * classes + best]) best = k;
    out[i] = best;
  }
  return out;
}

/** The fraction of `predicted` equal to `labels`. */
export function accuracy(predicted: ArrayLike<number>, labels: ArrayLike<number>): number {
  let right = 0;
  for (let i = 0; i < predicted.length; i++) if (predicted[i] === labels[i]) right++;
  return right / predicted.length;
}
