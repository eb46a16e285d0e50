/**
 * A fixed edge detector, pix2pix's sketch stand-in: the Sobel gradient's
 * magnitude, thresholded. Images are NHWC gray in [-1, 1]; edge maps are
 * white lines (1) on black (-1), as MNIST draws its digits.
 */

/**
 * Edges where the gradient of pixels in [0, 1] exceeds this, normalised so
 * that a step from 0 to 1 gives 1: outlines and strong texture, not noise.
 */
const EDGE_THRESHOLD = 0.35;

/** The edge maps of `n` gray images of `side` x `side`; the border replicates the edge pixels. */
export function sobelEdges(images: Float32Array, n: number, side: number): Float32Array {
  const out = new Float32Array(n * side * side);
  const at = (base: number, y: number, x: number) =>
    (images[base + Math.min(side - 1, Math.max(0, y)) * side + Math.min(side - 1, Math.max(0, x))] + 1) / 2;
  for (let i = 0; i < n; i++) {
    const base = i * side * side;
    for (let y = 0; y < side; y++) {
      for (let x = 0; x < side; x++) {
        const p = (dy: number, dx: number) => at(base, y + dy, x + dx);
        const gx = p(-1, 1) + 2 * p(0, 1) + p(1, 1) - p(-1, -1) - 2 * p(0, -1) - p(1, -1);
        const gy = p(1, -1) + 2 * p(1, 0) + p(1, 1) - p(-1, -1) - 2 * p(-1, 0) - p(-1, 1);
        // A unit step gives |g| = 4 (1 + 2 + 1).
        out[base + y * side + x] = Math.hypot(gx, gy) / 4 > EDGE_THRESHOLD ? 1 : -1;
      }
    }
  }
  return out;
}
