/** A classifier run over many images in inference mode, a batch at a time to bound memory. */
import * as tf from "@tensorflow/tfjs-core";
import { type Classifier, CLASSIFIER_SHAPE, FEATURES } from "../models/classifier.ts";

const BATCH = 500;
const IMAGE_SIZE = CLASSIFIER_SHAPE[0] * CLASSIFIER_SHAPE[1] * CLASSIFIER_SHAPE[2];

export interface Embedding {
  n: number;
  /** Penultimate features, [n, FEATURES] row-major. */
  features: Float32Array;
  /** Class probabilities (softmax), [n, classes] row-major. */
  probs: Float32Array;
  classes: number;
}

/** Features and class probabilities of `n` images [n, 28, 28, 1] laid out in `images`. */
export async function embed(classifier: Classifier, images: Float32Array, n: number): Promise<Embedding> {
  if (images.length < n * IMAGE_SIZE) throw new Error(`embed: ${images.length} values for ${n} images`);
  const { classes } = classifier;
  const features = new Float32Array(n * FEATURES), probs = new Float32Array(n * classes);
  for (let first = 0; first < n; first += BATCH) {
    const count = Math.min(BATCH, n - first);
    const [f, p] = tf.tidy(() => {
      const x = tf.tensor(images.subarray(first * IMAGE_SIZE, (first + count) * IMAGE_SIZE), [
        count,
        ...CLASSIFIER_SHAPE,
      ]);
      const f = classifier.features(x, false);
      return [f, tf.softmax(classifier.head(f, false))];
    });
    features.set(await f.data(), first * FEATURES);
    probs.set(await p.data(), first * classes);
    tf.dispose([f, p]);
  }
  return { n, features, probs, classes };
}
