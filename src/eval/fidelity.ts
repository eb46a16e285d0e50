/**
 * How close images are to their targets, pixel by pixel: PSNR and SSIM
 * (Wang et al. 2004), as super-resolution papers report them. Images are
 * NHWC in [-1, 1] and are measured on pixels in [0, 1].
 */

/** SSIM's Gaussian window: 7x7 (σ 1.5) rather than the paper's 11x11, as the images are 28 px. */
const WINDOW = 7, SIGMA = 1.5;
const C1 = 0.01 ** 2, C2 = 0.03 ** 2;

const GAUSSIAN = (() => {
  const half = (WINDOW - 1) / 2;
  const g = Array.from({ length: WINDOW }, (_, i) => Math.exp(-((i - half) ** 2) / (2 * SIGMA ** 2)));
  const total = g.reduce((a, b) => a + b, 0);
  return g.map((v) => v / total);
})();

/** Mean |x − y| per pixel, on pixels in [0, 1]. */
export function meanAbsolute(x: Float32Array, y: Float32Array): number {
  let total = 0;
  for (let i = 0; i < x.length; i++) total += Math.abs(x[i] - y[i]);
  return total / x.length / 2;
}

/** Mean PSNR in dB over `n` images of `shape`, each against its target (capped at 100 dB for an exact copy). */
export function psnr(images: Float32Array, targets: Float32Array, n: number): number {
  const size = images.length / n;
  let total = 0;
  for (let i = 0; i < n; i++) {
    let squared = 0;
    for (let p = i * size; p < (i + 1) * size; p++) squared += ((images[p] - targets[p]) / 2) ** 2;
    total += Math.min(100, 10 * Math.log10(size / Math.max(squared, 1e-30)));
  }
  return total / n;
}

/** Mean SSIM over `n` images [side, side, channels], over every channel and every window inside the image. */
export function ssim(
  images: Float32Array,
  targets: Float32Array,
  n: number,
  [side, , channels]: number[],
): number {
  const inside = side - WINDOW + 1;
  let total = 0;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < channels; k++) {
      const at = (x: Float32Array, y: number, w: number) =>
        (x[((i * side + y) * side + w) * channels + k] + 1) / 2;
      for (let y = 0; y < inside; y++) {
        for (let w = 0; w < inside; w++) {
          let [ma, mb, aa, bb, ab] = [0, 0, 0, 0, 0];
          for (let dy = 0; dy < WINDOW; dy++) {
            for (let dw = 0; dw < WINDOW; dw++) {
              const g = GAUSSIAN[dy] * GAUSSIAN[dw];
              const a = at(images, y + dy, w + dw), b = at(targets, y + dy, w + dw);
              [ma, mb, aa, bb, ab] = [ma + g * a, mb + g * b, aa + g * a * a, bb + g * b * b, ab + g * a * b];
            }
          }
          const [va, vb, cov] = [aa - ma * ma, bb - mb * mb, ab - ma * mb];
          total += ((2 * ma * mb + C1) * (2 * cov + C2)) / ((ma * ma + mb * mb + C1) * (va + vb + C2));
        }
      }
    }
  }
  return total / (n * channels * inside * inside);
}
