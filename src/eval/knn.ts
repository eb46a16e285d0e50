/**
 * Nearest neighbours by Euclidean distance between rows of vectors (features
 * or pixels), on the tfjs backend: squared distances a block at a time as
 * ‖a‖² − 2a·b + ‖b‖², so the matrix product runs on our GEMM and no block
 * holds more than BLOCK distances, however many rows either side has.
 */
import * as tf from "@tensorflow/tfjs-core";

const BLOCK = 1 << 22;

export interface Neighbours {
  k: number;
  /** Row-major [queries, k]: the references' row indices, nearest first. */
  indices: Int32Array;
  /** Their Euclidean distances. */
  distances: Float32Array;
}

/** The `k` rows of `refs` nearest to each row of `queries`, rows being `dim` values long. */
export async function kNearest(
  queries: Float32Array,
  refs: Float32Array,
  dim: number,
  k: number,
): Promise<Neighbours> {
  const nq = queries.length / dim;
  const indices = new Int32Array(nq * k).fill(-1);
  const squared = new Float32Array(nq * k).fill(Infinity);
  await forEachBlock(queries, refs, dim, async (q0, r0, distances) => {
    const kk = Math.min(k, distances.shape[1]);
    const top = tf.tidy(() => tf.topk(tf.neg(distances), kk));
    const [values, found] = [await top.values.data(), await top.indices.data()];
    tf.dispose([top.values, top.indices]);
    for (let row = 0; row < distances.shape[0]; row++) {
      for (let j = 0; j < kk; j++) {
        insert(squared, indices, (q0 + row) * k, k, -values[row * kk + j], r0 + found[row * kk + j]);
      }
    }
  });
  return { k, indices, distances: squared.map(Math.sqrt) };
}

/** For each row of `queries`: whether it lies within `radii[j]` of some row j of `centres`. */
export async function withinAnyBall(
  queries: Float32Array,
  centres: Float32Array,
  radii: Float32Array,
  dim: number,
): Promise<Uint8Array> {
  const inside = new Uint8Array(queries.length / dim);
  await forEachBlock(queries, centres, dim, async (q0, r0, distances) => {
    const hit = tf.tidy(() => {
      const r = radii.subarray(r0, r0 + distances.shape[1]);
      return tf.any(tf.lessEqual(distances, tf.square(tf.tensor1d(r))), 1);
    });
    const rows = await hit.data();
    hit.dispose();
    rows.forEach((h, row) => inside[q0 + row] ||= h);
  });
  return inside;
}

/** Calls `visit` with the squared distances of each block of query rows to each block of reference rows. */
async function forEachBlock(
  queries: Float32Array,
  refs: Float32Array,
  dim: number,
  visit: (q0: number, r0: number, squared: tf.Tensor2D) => Promise<void>,
): Promise<void> {
  const nq = queries.length / dim, nr = refs.length / dim;
  const refRows = Math.max(1, Math.min(nr, Math.floor(BLOCK / dim)));
  const queryRows = Math.max(1, Math.floor(BLOCK / refRows));
  const rows = (values: Float32Array, first: number, count: number, total: number) => {
    const end = Math.min(total, first + count);
    return tf.tensor2d(values.subarray(first * dim, end * dim), [end - first, dim]);
  };
  for (let r0 = 0; r0 < nr; r0 += refRows) {
    const r = rows(refs, r0, refRows, nr);
    const rNorms = tf.tidy(() => tf.sum(tf.square(r), 1));
    for (let q0 = 0; q0 < nq; q0 += queryRows) {
      const squared = tf.tidy(() => {
        const q = rows(queries, q0, queryRows, nq);
        const qNorms = tf.sum(tf.square(q), 1, true);
        const cross = tf.matMul(q, r, false, true);
        // Rounding can take a distance of (near) zero slightly below it.
        return tf.relu(tf.add(tf.sub(qNorms, tf.mul(cross, 2)), rNorms)) as tf.Tensor2D;
      });
      await visit(q0, r0, squared);
      squared.dispose();
    }
    tf.dispose([r, rNorms]);
  }
}

/** Inserts (distance, index) into the sorted list of length k at `at`, if it is among the k nearest. */
function insert(squared: Float32Array, indices: Int32Array, at: number, k: number, d: number, index: number) {
  if (d >= squared[at + k - 1]) return;
  let j = at + k - 1;
  for (; j > at && squared[j - 1] > d; j--) {
    squared[j] = squared[j - 1];
    indices[j] = indices[j - 1];
  }
  squared[j] = d;
  indices[j] = index;
}
