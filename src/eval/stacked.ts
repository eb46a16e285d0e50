/**
 * Stacked MNIST (Metz et al. 2017; VEEGAN; PacGAN): three MNIST digits as
 * the red, green and blue channels of one 28x28 image, so 1,000 modes, one
 * per triple of digits. The MNIST classifier reads each channel's digit; a
 * sample's mode is 100·red + 10·green + blue. PacGAN reports the modes
 * captured and the reverse KL to uniform over 26,000 samples.
 */
import type { Split } from "../data/mod.ts";
import type { Rng } from "../random.ts";
import type { Classifier } from "./classifier.ts";
import { embed } from "./embedding.ts";
import { type ModeCoverage, modeCoverage } from "./modes.ts";
import { argmax } from "./predictions.ts";

export const STACKED_MODES = 1000;
export const STACKED_SAMPLES = 26_000;

/** `n` images [n, 28, 28, 3] in [-1, 1]. */
export type Sampler = (n: number) => Promise<Float32Array>;

const PLANE = 28 * 28;
/** Images drawn from the sampler at a time. */
const BATCH = 1000;

export async function stackedCoverage(
  sample: Sampler,
  mnist: Classifier,
  n = STACKED_SAMPLES,
): Promise<ModeCoverage> {
  const modes = new Int32Array(n);
  for (let first = 0; first < n; first += BATCH) {
    const count = Math.min(BATCH, n - first);
    const { probs } = await embed(mnist, channelPlanes(await sample(count), count), 3 * count);
    const digits = argmax(probs, mnist.classes);
    for (let i = 0; i < count; i++) {
      modes[first + i] = 100 * digits[i] + 10 * digits[count + i] + digits[2 * count + i];
    }
  }
  return modeCoverage(modes, STACKED_MODES);
}

/** Real Stacked MNIST: each image stacks three digits drawn at random from `split`. */
export function stackedReal(split: Split, rng: Rng): Sampler {
  return (n) => {
    const out = new Float32Array(n * PLANE * 3);
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < 3; c++) {
        const digit = split.x.subarray(rng.int(split.n) * PLANE);
        for (let p = 0; p < PLANE; p++) out[(i * PLANE + p) * 3 + c] = digit[p];
      }
    }
    return Promise.resolve(out);
  };
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
