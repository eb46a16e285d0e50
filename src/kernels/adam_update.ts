/**
 * One Adam update of a parameter, in place over its three state arrays. A
 * plain loop: it streams each array once, where a WASM kernel would first
 * have to copy all four into its own memory.
 */
export interface AdamStep {
  beta1: number;
  beta2: number;
  /** lr · √(1 − β2ᵗ) / (1 − β1ᵗ): the bias corrections folded into the step. */
  size: number;
  /** eps · √(1 − β2ᵗ), for the same folding. */
  eps: number;
}

export function adamUpdate(
  s: AdamStep,
  p: Float32Array,
  g: Float32Array,
  m: Float32Array,
  v: Float32Array,
): void {
  const { beta1, beta2, size, eps } = s;
  for (let i = 0; i < p.length; i++) {
    const gi = g[i];
    const mi = m[i] = beta1 * m[i] + (1 - beta1) * gi;
    const vi = v[i] = beta2 * v[i] + (1 - beta2) * gi * gi;
    p[i] -= size * mi / (Math.sqrt(vi) + eps);
  }
}
