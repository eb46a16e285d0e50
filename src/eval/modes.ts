/**
 * Histograms of samples over a fixed set of modes (a toy's Gaussians, a
 * dataset's classes, Stacked MNIST's digit triples): how many modes are
 * captured, and how far the histogram is from the uniform one the data has.
 */

export interface ModeCoverage {
  /** Samples per mode. */
  counts: number[];
  /** Modes with at least one sample. */
  captured: number;
  /** KL(histogram ‖ uniform) in nats. */
  kl: number;
}

/** The coverage of `modes` modes by samples assigned to modes `assigned` (each in [0, modes)). */
export function modeCoverage(assigned: ArrayLike<number>, modes: number): ModeCoverage {
  const counts = new Array<number>(modes).fill(0);
  for (let i = 0; i < assigned.length; i++) counts[assigned[i]]++;
  return { counts, captured: counts.filter((c) => c > 0).length, kl: klToUniform(counts) };
}

/**
 * KL(p ‖ u) of the histogram p against the uniform u over its bins: the
 * "reverse KL" of VEEGAN and PacGAN, the model's distribution measured
 * against the data's. Empty bins need no smoothing: they contribute
 * 0·log 0 = 0 (the limit), and u has no empty bin, so the value is finite,
 * from 0 (uniform) to log K (every sample in one of K bins). An empty
 * histogram is no distribution at all: NaN.
 */
export function klToUniform(counts: readonly number[]): number {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return NaN;
  const k = counts.length;
  return counts.reduce((sum, c) => (c === 0 ? sum : sum + (c / total) * Math.log((c / total) * k)), 0);
}
