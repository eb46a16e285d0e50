/**
 * Eigendecomposition of a real symmetric matrix by the cyclic Jacobi method,
 * in float64: plane rotations that zero one off-diagonal entry at a time,
 * swept over all of them until the off-diagonal part vanishes. O(n³) per
 * sweep, a few milliseconds for 128x128, and accurate for nearly singular
 * matrices such as covariances of features that ReLUs leave dead.
 */

export interface SymmetricEigen {
  values: Float64Array;
  /** Row-major n x n; column j is the unit eigenvector of values[j]. */
  vectors: Float64Array;
}

const MAX_SWEEPS = 100;

/** The eigenvalues and eigenvectors of the symmetric n x n matrix `matrix` (row-major; left unchanged). */
export function symmetricEigen(matrix: Float64Array, n: number): SymmetricEigen {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  const scale = frobeniusSquared(a);
  for (let sweep = 0; sweep < MAX_SWEEPS && offDiagonalSquared(a, n) > 1e-30 * scale; sweep++) {
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) rotate(a, v, n, p, q);
    }
  }
  return { values: Float64Array.from({ length: n }, (_, i) => a[i * n + i]), vectors: v };
}

/** Applies the rotation in the (p, q) plane that zeroes a[p][q]: a ← Jᵀ a J, v ← v J. */
function rotate(a: Float64Array, v: Float64Array, n: number, p: number, q: number): void {
  const apq = a[p * n + q];
  if (apq === 0) return;
  const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
  // The smaller root of t² + 2θt − 1 = 0, the rotation by at most 45°, is the stable one.
  const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
  const c = 1 / Math.sqrt(t * t + 1), s = t * c;
  for (let k = 0; k < n; k++) {
    const akp = a[k * n + p], akq = a[k * n + q];
    a[k * n + p] = c * akp - s * akq;
    a[k * n + q] = s * akp + c * akq;
  }
  for (let k = 0; k < n; k++) {
    const apk = a[p * n + k], aqk = a[q * n + k];
    a[p * n + k] = c * apk - s * aqk;
    a[q * n + k] = s * apk + c * aqk;
  }
  a[p * n + q] = a[q * n + p] = 0; // zero by construction: drop the rounding residue
  for (let k = 0; k < n; k++) {
    const vkp = v[k * n + p], vkq = v[k * n + q];
    v[k * n + p] = c * vkp - s * vkq;
    v[k * n + q] = s * vkp + c * vkq;
  }
}

function frobeniusSquared(a: Float64Array): number {
  return a.reduce((sum, x) => sum + x * x, 0);
}

function offDiagonalSquared(a: Float64Array, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) if (i !== j) sum += a[i * n + j] ** 2;
  }
  return sum;
}
