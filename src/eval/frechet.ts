/**
 * The Fréchet distance between Gaussians fitted to two sets of features (the
 * formula of FID, Heusel et al. 2017), in float64:
 *   d² = ‖μ₁ − μ₂‖² + tr(Σ₁) + tr(Σ₂) − 2 tr((Σ₁Σ₂)^½).
 * Σ₁Σ₂ is not symmetric, but it is similar to the symmetric positive
 * semi-definite Σ₁^½ Σ₂ Σ₁^½ (same eigenvalues), so the trace of its square
 * root is the sum of the square roots of that matrix's eigenvalues, and two
 * symmetric eigendecompositions give it without complex arithmetic.
 */
import { symmetricEigen } from "./eigen.ts";

export interface Moments {
  dim: number;
  mean: Float64Array;
  /** Unbiased covariance (divided by n − 1, as numpy's cov), row-major dim x dim. */
  cov: Float64Array;
}

/** The mean and covariance of `n` feature rows of `dim` values each. */
export function moments(features: Float32Array, n: number, dim: number): Moments {
  if (n < 2) throw new Error(`moments: need at least 2 samples, got ${n}`);
  const mean = new Float64Array(dim);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < dim; j++) mean[j] += features[i * dim + j];
  }
  for (let j = 0; j < dim; j++) mean[j] /= n;
  const cov = new Float64Array(dim * dim);
  const centred = new Float64Array(dim);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < dim; j++) centred[j] = features[i * dim + j] - mean[j];
    for (let j = 0; j < dim; j++) {
      for (let k = j; k < dim; k++) cov[j * dim + k] += centred[j] * centred[k];
    }
  }
  for (let j = 0; j < dim; j++) {
    for (let k = j; k < dim; k++) cov[j * dim + k] = cov[k * dim + j] = cov[j * dim + k] / (n - 1);
  }
  return { dim, mean, cov };
}

export function frechetDistance(a: Moments, b: Moments): number {
  const n = a.dim;
  let meanTerm = 0, traces = 0;
  for (let i = 0; i < n; i++) {
    meanTerm += (a.mean[i] - b.mean[i]) ** 2;
    traces += a.cov[i * n + i] + b.cov[i * n + i];
  }
  const root = symmetricSqrt(a.cov, n);
  const similar = multiply(multiply(root, b.cov, n), root, n);
  const { values } = symmetricEigen(symmetrized(similar, n), n);
  const traceOfRoot = values.reduce((sum, x) => sum + Math.sqrt(Math.max(0, x)), 0);
  // A distance: rounding may leave a tiny negative where the two are the same.
  return Math.max(0, meanTerm + traces - 2 * traceOfRoot);
}

/** The positive semi-definite square root V diag(√λ) Vᵀ; rounding's tiny negative λ count as 0. */
function symmetricSqrt(m: Float64Array, n: number): Float64Array {
  const { values, vectors } = symmetricEigen(m, n);
  const roots = values.map((x) => Math.sqrt(Math.max(0, x)));
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let sum = 0;
      for (let k = 0; k < n; k++) sum += vectors[i * n + k] * roots[k] * vectors[j * n + k];
      out[i * n + j] = out[j * n + i] = sum;
    }
  }
  return out;
}

function multiply(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const aik = a[i * n + k];
      for (let j = 0; j < n; j++) out[i * n + j] += aik * b[k * n + j];
    }
  }
  return out;
}

/** (m + mᵀ) / 2: exactly symmetric, as the Jacobi method assumes. */
function symmetrized(m: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) out[i * n + j] = (m[i * n + j] + m[j * n + i]) / 2;
  }
  return out;
}
