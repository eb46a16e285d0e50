/**
 * Improved precision and recall (Kynkäänniemi et al. 2019). Each set of
 * feature vectors stands for its manifold: the union of balls around its
 * points, each ball reaching the point's k-th nearest neighbour in its own
 * set. Precision is the fraction of generated samples inside the real
 * manifold (are samples realistic?); recall the fraction of real samples
 * inside the generated one (is all of the data covered?).
 */
import { kNearest, withinAnyBall } from "./knn.ts";

/** The paper's k. */
export const MANIFOLD_K = 3;

export interface PrecisionRecall {
  precision: number;
  recall: number;
}

export async function precisionRecall(
  real: Float32Array,
  fake: Float32Array,
  dim: number,
  k = MANIFOLD_K,
): Promise<PrecisionRecall> {
  const [realRadii, fakeRadii] = [await radii(real, dim, k), await radii(fake, dim, k)];
  return {
    precision: fraction(await withinAnyBall(fake, real, realRadii, dim)),
    recall: fraction(await withinAnyBall(real, fake, fakeRadii, dim)),
  };
}

/** Each point's distance to its k-th nearest other point of the set (its own row comes first, at 0). */
async function radii(points: Float32Array, dim: number, k: number): Promise<Float32Array> {
  const { distances } = await kNearest(points, points, dim, k + 1);
  return distances.filter((_, i) => i % (k + 1) === k);
}

function fraction(flags: Uint8Array): number {
  return flags.reduce((sum, f) => sum + f, 0) / flags.length;
}
