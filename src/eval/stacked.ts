/**
 * The Stacked MNIST metric of VEEGAN and PacGAN: the MNIST classifier reads
 * the digit in each channel of an image, which names its mode, 100·red +
 * 10·green + blue (see src/data/stacked.ts); they report the modes captured
 * and the reverse KL to uniform over 26,000 samples.
 */
import type { Classifier } from "../models/classifier.ts";
import { embed } from "./embedding.ts";
import { argmax } from "../models/class_predictions.ts";

const PLANE = 28 * 28;
/** Images read at a time: the planes of a chunk are copied out, so this bounds the copy. */
const CHUNK = 1000;

/** The mode of each of the `n` images [n, 28, 28, 3] in `images`, as `mnist` reads their channels. */
export async function stackedModes(images: Float32Array, n: number, mnist: Classifier): Promise<Int32Array> {
  const modes = new Int32Array(n);
  for (let first = 0; first < n; first += CHUNK) {
    const count = Math.min(CHUNK, n - first);
    const planes = channelPlanes(images.subarray(first * PLANE * 3, (first + count) * PLANE * 3), count);
    const digits = argmax((await embed(mnist, planes, 3 * count)).probs, mnist.classes);
    for (let i = 0; i < count; i++) {
      modes[first + i] = 100 * digits[i] + 10 * digits[count + i] + digits[2 * count + i];
    }
  }
  return modes;
}

/** [n, 28, 28, 3] to the one-channel images of all red planes, then all green, then all blue. */
function channelPlanes(images: Float32Array, n: number): Float32Array {
  const out = new Float32Array(3 * n * PLANE);
  for (let i = 0; i < n; i++) {
    for (let p = 0; p < PLANE; p++) {
      for (let c = 0; c < 3; c++) out[(c * n + i) * PLANE + p] = images[(i * PLANE + p) * 3 + c];
    }
  }
  return out;
}
