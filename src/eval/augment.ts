/**
 * Light augmentation for training the classifiers: each image shifted by a
 * random whole number of pixels, against overfitting to digits centred
 * exactly as MNIST's are.
 */
import type { Rng } from "../random.ts";

/** Background of our images in [-1, 1]: what a shift brings in at the edges. */
const BACKGROUND = -1;

/** Shifts each of the square one-channel images in `x` by up to `max` pixels along each axis, in place. */
export function randomShifts(x: Float32Array, side: number, max: number, rng: Rng): void {
  const size = side * side;
  const copy = new Float32Array(size);
  for (let at = 0; at < x.length; at += size) {
    const dx = rng.int(2 * max + 1) - max, dy = rng.int(2 * max + 1) - max;
    copy.set(x.subarray(at, at + size));
    for (let y = 0; y < side; y++) {
      for (let col = 0; col < side; col++) {
        const sy = y - dy, sx = col - dx;
        const inside = sy >= 0 && sy < side && sx >= 0 && sx < side;
        x[at + y * side + col] = inside ? copy[sy * side + sx] : BACKGROUND;
      }
    }
  }
}
