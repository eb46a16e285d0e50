/**
 * Stacked MNIST (Metz et al. 2017), the image benchmark of mode collapse:
 * three MNIST digits as the red, green and blue channels of one 28x28
 * image, so 1,000 modes, one per triple of digits. Sizes are PacGAN's and
 * VEEGAN's: 128,000 training images, and 26,000 test images, as many as
 * the samples their metric counts. Training images stack digits of MNIST's
 * 60,000 training digits, test images those of its 10,000 test digits; which
 * digits is fixed.
 */
import { Rng } from "../random.ts";
import { loadMnistLike } from "./mnist.ts";
import type { Dataset, LoadOptions, Split } from "./types.ts";

export const STACKED_MNIST = "stacked-mnist";
export const STACKED_MODES = 1000;
/** The samples VEEGAN's and PacGAN's metric counts, and so the size of the test split, the metric's floor. */
export const STACKED_SAMPLES = 26_000;
const TRAIN = 128_000;
/** Any constant: the same triples on every run and machine. */
const STACK_SEED = 1000;

const SIDE = 28;
const PLANE = SIDE * SIDE;

export async function loadStackedMnist(options: LoadOptions): Promise<Dataset> {
  if ((options.imageSize ?? SIDE) !== SIDE || (options.channels ?? 3) !== 3) {
    throw new Error(`${STACKED_MNIST} is 28x28 with 3 channels; it takes no other image size or channels`);
  }
  const mnist = await loadMnistLike("mnist", { cacheDir: options.cacheDir });
  const rng = Rng.seeded(STACK_SEED);
  return {
    name: STACKED_MNIST,
    kind: "image",
    shape: [SIDE, SIDE, 3],
    train: stackDigits(mnist.train, TRAIN, rng),
    test: stackDigits(mnist.test, STACKED_SAMPLES, rng),
  };
}

/**
 * `n` images [28, 28, 3], each channel a digit drawn at random from the
 * one-channel `digits`; the label is the mode, 100·red + 10·green + blue.
 */
export function stackDigits(digits: Split, n: number, rng: Rng): Split {
  const x = new Float32Array(n * PLANE * 3);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < 3; c++) {
      const pick = rng.int(digits.n);
      const digit = digits.x.subarray(pick * PLANE, (pick + 1) * PLANE);
      for (let p = 0, at = i * PLANE * 3 + c; p < PLANE; p++, at += 3) x[at] = digit[p];
      labels[i] = 10 * labels[i] + digits.labels![pick];
    }
  }
  return { x, labels, n };
}
