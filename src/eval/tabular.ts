/**
 * Metrics of tabular samples against reference rows, in the z-scores the
 * data loader gives every column (so columns weigh alike), as tabular GAN
 * papers report them:
 * - each column's marginal: the two-sample Kolmogorov–Smirnov statistic
 *   (largest gap between the empirical CDFs) and the Wasserstein-1 distance
 *   (area between them);
 * - the joint: the mean absolute gap between the two Pearson correlation
 *   matrices, off the diagonal;
 * - memorisation: the median distance from each row to its closest
 *   reference row (DCR). Held-out real rows give the floor; samples much
 *   closer than they are copy training rows.
 */
import { kNearest } from "./knn.ts";

export interface ColumnGap {
  ks: number;
  wasserstein: number;
}

export interface TableMetrics {
  rows: number;
  columns: ColumnGap[];
  /** Means over the columns. */
  ks: number;
  wasserstein: number;
  correlationGap: number;
  /** Median distance to the closest reference row. */
  dcr: number;
}

/** The metrics of `n` rows of `d` values in `x` against the `refN` rows of `ref`. */
export async function tableMetrics(
  x: Float32Array,
  n: number,
  ref: Float32Array,
  refN: number,
  d: number,
): Promise<TableMetrics> {
  const columns = Array.from({ length: d }, (_, c) => columnGap(column(x, n, d, c), column(ref, refN, d, c)));
  const { distances } = await kNearest(x.subarray(0, n * d), ref.subarray(0, refN * d), d, 1);
  return {
    rows: n,
    columns,
    ks: mean(columns.map((g) => g.ks)),
    wasserstein: mean(columns.map((g) => g.wasserstein)),
    correlationGap: correlationGap(correlations(x, n, d), correlations(ref, refN, d)),
    dcr: median(distances),
  };
}

/** KS and Wasserstein-1 of two samples of one variable, in one merge of their sorted values. */
export function columnGap(a: Float64Array, b: Float64Array): ColumnGap {
  a.sort();
  b.sort();
  let i = 0, j = 0, ks = 0, wasserstein = 0;
  let at = Math.min(a[0], b[0]);
  while (i < a.length || j < b.length) {
    const next = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i] : b[j];
    const gap = Math.abs(i / a.length - j / b.length); // the CDFs' gap on [at, next)
    wasserstein += gap * (next - at);
    while (i < a.length && a[i] === next) i++;
    while (j < b.length && b[j] === next) j++;
    ks = Math.max(ks, gap, Math.abs(i / a.length - j / b.length));
    at = next;
  }
  return { ks, wasserstein };
}

/** Row-major [d, d] Pearson correlations of the columns; a constant column correlates 0 with the others. */
export function correlations(x: Float32Array, n: number, d: number): Float64Array {
  const centred = Array.from({ length: d }, (_, c) => {
    const values = column(x, n, d, c), m = mean(values);
    return values.map((v) => v - m);
  });
  const out = new Float64Array(d * d);
  for (let p = 0; p < d; p++) {
    for (let q = 0; q < d; q++) {
      let pq = 0, pp = 0, qq = 0;
      for (let r = 0; r < n; r++) {
        pq += centred[p][r] * centred[q][r];
        pp += centred[p][r] ** 2;
        qq += centred[q][r] ** 2;
      }
      out[p * d + q] = pp > 0 && qq > 0 ? pq / Math.sqrt(pp * qq) : 0;
    }
  }
  return out;
}

/** Mean |a − b| over the off-diagonal entries of two [d, d] matrices; 0 for one column. */
function correlationGap(a: Float64Array, b: Float64Array): number {
  const d = Math.round(Math.sqrt(a.length));
  let sum = 0;
  for (let p = 0; p < d; p++) {
    for (let q = 0; q < d; q++) if (p !== q) sum += Math.abs(a[p * d + q] - b[p * d + q]);
  }
  return d > 1 ? sum / (d * (d - 1)) : 0;
}

function column(x: Float32Array, n: number, d: number, c: number): Float64Array {
  return Float64Array.from({ length: n }, (_, r) => x[r * d + c]);
}

function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum / values.length;
}

function median(values: Float32Array): number {
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
