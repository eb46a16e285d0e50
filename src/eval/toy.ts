/**
 * The mode-collapse metrics of the 2-D mixtures, as VEEGAN (Srivastava et
 * al. 2017) and PacGAN (Lin et al. 2018) define them: a sample is high
 * quality when it lies within 3 standard deviations of its nearest mode; a
 * mode is captured when it is the nearest mode of at least one high-quality
 * sample; and the reverse KL of the histogram of those nearest modes.
 */
import { type ModeCoverage, modeCoverage } from "./modes.ts";

/** PacGAN evaluates 2,500 samples. */
export const TOY_SAMPLES = 2_500;

export interface ToyMetrics extends ModeCoverage {
  samples: number;
  modes: number;
  /** Fraction of the samples that are high quality. */
  highQuality: number;
}

/** The metrics of the points (x, y pairs in `points`) against the mixture's `modes`. */
export function toyMetrics(points: Float32Array, modes: number[][], std: number): ToyMetrics {
  const nearest: number[] = [];
  for (let i = 0; i < points.length; i += 2) {
    const { mode, distance } = nearestMode(points[i], points[i + 1], modes);
    if (distance <= 3 * std) nearest.push(mode);
  }
  const samples = points.length / 2;
  return {
    samples,
    modes: modes.length,
    highQuality: nearest.length / samples,
    ...modeCoverage(nearest, modes.length),
  };
}

function nearestMode(x: number, y: number, modes: number[][]): { mode: number; distance: number } {
  let mode = 0, best = Infinity;
  modes.forEach(([mx, my], k) => {
    const d = Math.hypot(x - mx, y - my);
    if (d < best) [mode, best] = [k, d];
  });
  return { mode, distance: best };
}
