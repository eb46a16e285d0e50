/**
 * Images of any size and channel count as the classifier reads them, 28x28
 * gray: luma (ITU-R 601, as src/image/image.ts converts), then bilinear
 * resizing. Runs on MNIST or Fashion-MNIST at 32 or 64 px, or in RGB, are
 * measured in the same feature space; their real floor goes through the same
 * conversion, so both sides are blurred alike.
 */
import { resize } from "../image/resize.ts";
import { CLASSIFIER_SHAPE } from "../models/classifier.ts";

const [SIDE] = CLASSIFIER_SHAPE;
const LUMA = [0.299, 0.587, 0.114];

/** The first `n` images [n, h, w, c] of `images`, as [n, 28, 28, 1]; the same array when already so. */
export function toClassifierShape(images: Float32Array, n: number, [h, w, c]: number[]): Float32Array {
  if (h === SIDE && w === SIDE && c === 1) return images;
  const out = new Float32Array(n * SIDE * SIDE);
  const gray = new Float32Array(h * w);
  for (let i = 0; i < n; i++) {
    const image = images.subarray(i * h * w * c, (i + 1) * h * w * c);
    for (let p = 0; p < h * w; p++) {
      gray[p] = c === 1
        ? image[p]
        : LUMA[0] * image[p * 3] + LUMA[1] * image[p * 3 + 1] + LUMA[2] * image[p * 3 + 2];
    }
    out.set(resize(gray, w, h, 1, SIDE, SIDE), i * SIDE * SIDE);
  }
  return out;
}
